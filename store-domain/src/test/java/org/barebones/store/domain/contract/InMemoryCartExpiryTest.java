package org.barebones.store.domain.contract;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.port.StorePersistence;

/** The CartExpiry contract, run by the in-memory adapters. */
class InMemoryCartExpiryTest extends CartExpiryContract {

  private final StorePersistence persistence = Store.inMemoryPersistence(USD);

  @Override
  protected StorePersistence persistence() {
    return persistence;
  }
}

package org.barebones.store.domain.contract;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.port.StorePersistence;

/** The CartRepository contract, run against the in-memory adapters. */
class InMemoryCartRepositoryTest extends CartRepositoryContract {
  @Override
  protected StorePersistence persistence() {
    return Store.inMemoryPersistence(USD);
  }
}

package org.barebones.store.domain.contract;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.port.StorePersistence;

/** The OrderRepository contract, run against the in-memory adapters. */
class InMemoryOrderRepositoryTest extends OrderRepositoryContract {
  @Override
  protected StorePersistence persistence() {
    return Store.inMemoryPersistence(USD);
  }
}

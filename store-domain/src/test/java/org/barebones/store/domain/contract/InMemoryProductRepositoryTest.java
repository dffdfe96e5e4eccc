package org.barebones.store.domain.contract;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.port.StorePersistence;

/** The ProductRepository contract, run against the in-memory adapters. */
class InMemoryProductRepositoryTest extends ProductRepositoryContract {
  @Override
  protected StorePersistence persistence() {
    return Store.inMemoryPersistence(USD);
  }
}

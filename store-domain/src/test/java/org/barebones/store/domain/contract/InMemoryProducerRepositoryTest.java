package org.barebones.store.domain.contract;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.port.StorePersistence;

/** The ProducerRepository contract, run against the in-memory adapters. */
class InMemoryProducerRepositoryTest extends ProducerRepositoryContract {
  @Override
  protected StorePersistence persistence() {
    return Store.inMemoryPersistence(USD);
  }
}

package org.barebones.store.domain.contract;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.port.StorePersistence;

/** The IdempotencyRecords contract, run by the in-memory adapters. */
class InMemoryIdempotencyRecordsTest extends IdempotencyRecordsContract {

  private final StorePersistence persistence = Store.inMemoryPersistence(USD);

  @Override
  protected StorePersistence persistence() {
    return persistence;
  }
}

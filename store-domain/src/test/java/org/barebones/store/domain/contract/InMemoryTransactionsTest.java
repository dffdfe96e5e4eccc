package org.barebones.store.domain.contract;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.port.StorePersistence;

/** The Transactions contract, run against the in-memory adapters. */
class InMemoryTransactionsTest extends TransactionsContract {
  @Override
  protected StorePersistence persistence() {
    return Store.inMemoryPersistence(USD);
  }
}

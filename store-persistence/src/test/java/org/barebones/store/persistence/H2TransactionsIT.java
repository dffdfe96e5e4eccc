package org.barebones.store.persistence;

import org.barebones.store.domain.contract.TransactionsContract;
import org.barebones.store.domain.port.StorePersistence;

/** The Transactions contract, run by the JDBI adapters on H2 in PostgreSQL mode. */
class H2TransactionsIT extends TransactionsContract {

  private static final StorePersistence STORE = TestDatabases.h2Persistence(H2TransactionsIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

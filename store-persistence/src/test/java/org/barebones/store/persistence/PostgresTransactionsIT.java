package org.barebones.store.persistence;

import org.barebones.store.domain.contract.TransactionsContract;
import org.barebones.store.domain.port.StorePersistence;

/** The Transactions contract, run by the JDBI adapters on PostgreSQL. */
class PostgresTransactionsIT extends TransactionsContract {

  private static final StorePersistence STORE =
      TestDatabases.postgresPersistence(PostgresTransactionsIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

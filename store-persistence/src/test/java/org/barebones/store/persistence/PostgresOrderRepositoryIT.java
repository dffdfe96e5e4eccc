package org.barebones.store.persistence;

import org.barebones.store.domain.contract.OrderRepositoryContract;
import org.barebones.store.domain.port.StorePersistence;

/** The OrderRepository contract, run by the JDBI adapters on PostgreSQL. */
class PostgresOrderRepositoryIT extends OrderRepositoryContract {

  private static final StorePersistence STORE =
      TestDatabases.postgresPersistence(PostgresOrderRepositoryIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

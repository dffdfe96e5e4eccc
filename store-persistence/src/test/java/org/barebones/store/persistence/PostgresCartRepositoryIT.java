package org.barebones.store.persistence;

import org.barebones.store.domain.contract.CartRepositoryContract;
import org.barebones.store.domain.port.StorePersistence;

/** The CartRepository contract, run by the JDBI adapters on PostgreSQL. */
class PostgresCartRepositoryIT extends CartRepositoryContract {

  private static final StorePersistence STORE =
      TestDatabases.postgresPersistence(PostgresCartRepositoryIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

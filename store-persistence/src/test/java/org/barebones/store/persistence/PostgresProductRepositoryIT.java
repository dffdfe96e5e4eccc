package org.barebones.store.persistence;

import org.barebones.store.domain.contract.ProductRepositoryContract;
import org.barebones.store.domain.port.StorePersistence;

/** The ProductRepository contract, run by the JDBI adapters on PostgreSQL. */
class PostgresProductRepositoryIT extends ProductRepositoryContract {

  private static final StorePersistence STORE =
      TestDatabases.postgresPersistence(PostgresProductRepositoryIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

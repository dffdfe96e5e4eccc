package org.barebones.store.persistence;

import org.barebones.store.domain.contract.ProductSearchContract;
import org.barebones.store.domain.port.StorePersistence;

/** The catalogue search contract, run by the JDBI adapters on PostgreSQL. */
class PostgresProductSearchIT extends ProductSearchContract {

  private static final StorePersistence STORE =
      TestDatabases.postgresPersistence(PostgresProductSearchIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

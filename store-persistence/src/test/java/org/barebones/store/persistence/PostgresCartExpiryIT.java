package org.barebones.store.persistence;

import org.barebones.store.domain.contract.CartExpiryContract;
import org.barebones.store.domain.port.StorePersistence;

/** The CartExpiry contract, run by the JDBI adapters on Postgres. */
class PostgresCartExpiryIT extends CartExpiryContract {

  private static final StorePersistence STORE =
      TestDatabases.postgresPersistence(PostgresCartExpiryIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

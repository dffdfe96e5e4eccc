package org.barebones.store.persistence;

import org.barebones.store.domain.contract.EventOutboxContract;
import org.barebones.store.domain.port.StorePersistence;

/** The EventOutbox contract, run by the JDBI adapters on PostgreSQL. */
class PostgresEventOutboxIT extends EventOutboxContract {

  private static final StorePersistence STORE =
      TestDatabases.postgresPersistence(PostgresEventOutboxIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

package org.barebones.store.persistence;

import org.barebones.store.domain.contract.EventRecordingContract;
import org.barebones.store.domain.port.StorePersistence;

/** The EventRecording contract, run by the JDBI adapters on PostgreSQL. */
class PostgresEventRecordingIT extends EventRecordingContract {

  private static final StorePersistence STORE =
      TestDatabases.postgresPersistence(PostgresEventRecordingIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

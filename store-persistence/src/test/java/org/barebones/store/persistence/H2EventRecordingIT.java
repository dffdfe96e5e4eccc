package org.barebones.store.persistence;

import org.barebones.store.domain.contract.EventRecordingContract;
import org.barebones.store.domain.port.StorePersistence;

/** The EventRecording contract, run by the JDBI adapters on H2 in PostgreSQL mode. */
class H2EventRecordingIT extends EventRecordingContract {

  private static final StorePersistence STORE =
      TestDatabases.h2Persistence(H2EventRecordingIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

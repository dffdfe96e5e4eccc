package org.barebones.store.persistence;

import org.barebones.store.domain.contract.EventOutboxContract;
import org.barebones.store.domain.port.StorePersistence;

/** The EventOutbox contract, run by the JDBI adapters on H2 in PostgreSQL mode. */
class H2EventOutboxIT extends EventOutboxContract {

  private static final StorePersistence STORE = TestDatabases.h2Persistence(H2EventOutboxIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

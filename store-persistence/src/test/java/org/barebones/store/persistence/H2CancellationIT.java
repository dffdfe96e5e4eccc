package org.barebones.store.persistence;

import org.barebones.store.domain.contract.CancellationContract;
import org.barebones.store.domain.port.StorePersistence;

/** The cancellation contract, run by the JDBI adapters on H2 in PostgreSQL mode. */
class H2CancellationIT extends CancellationContract {

  private static final StorePersistence STORE = TestDatabases.h2Persistence(H2CancellationIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

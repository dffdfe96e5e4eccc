package org.barebones.store.persistence;

import org.barebones.store.domain.contract.CancellationContract;
import org.barebones.store.domain.port.StorePersistence;

/** The cancellation contract, run by the JDBI adapters on PostgreSQL. */
class PostgresCancellationIT extends CancellationContract {

  private static final StorePersistence STORE =
      TestDatabases.postgresPersistence(PostgresCancellationIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

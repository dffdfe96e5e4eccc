package org.barebones.store.persistence;

import org.barebones.store.domain.contract.IdempotencyRecordsContract;
import org.barebones.store.domain.port.StorePersistence;

/** The IdempotencyRecords contract, run by the JDBI adapters on H2 in PostgreSQL mode. */
class H2IdempotencyRecordsIT extends IdempotencyRecordsContract {

  private static final StorePersistence STORE =
      TestDatabases.h2Persistence(H2IdempotencyRecordsIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

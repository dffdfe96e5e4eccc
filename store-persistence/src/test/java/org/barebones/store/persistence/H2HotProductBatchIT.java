package org.barebones.store.persistence;

import org.barebones.store.domain.port.StorePersistence;

/** Checkouts sharing commits, on H2 in PostgreSQL mode. */
class H2HotProductBatchIT extends HotProductBatchCases {

  @Override
  protected StorePersistence newPersistence() {
    return TestDatabases.h2Persistence(H2HotProductBatchIT.class);
  }
}

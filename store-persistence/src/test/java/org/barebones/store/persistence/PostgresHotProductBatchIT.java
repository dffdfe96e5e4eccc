package org.barebones.store.persistence;

import org.barebones.store.domain.port.StorePersistence;

/** Checkouts sharing commits, on PostgreSQL. */
class PostgresHotProductBatchIT extends HotProductBatchCases {

  @Override
  protected StorePersistence newPersistence() {
    return TestDatabases.postgresPersistence(PostgresHotProductBatchIT.class);
  }
}

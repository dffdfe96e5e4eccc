package org.barebones.store.persistence;

import org.barebones.store.domain.contract.HotProductContract;
import org.barebones.store.domain.port.StorePersistence;

/** The HotProduct contract, run by the JDBI adapters on PostgreSQL. */
class PostgresHotProductIT extends HotProductContract {

  private static final StorePersistence STORE =
      TestDatabases.postgresPersistence(PostgresHotProductIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }

  /** Real connections and row locks: as many client threads as a busy server would have. */
  @Override
  protected int threads() {
    return 64;
  }
}

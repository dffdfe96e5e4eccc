package org.barebones.store.persistence;

import org.barebones.store.domain.contract.ProducerRepositoryContract;
import org.barebones.store.domain.port.StorePersistence;

/** The ProducerRepository contract, run by the JDBI adapters on PostgreSQL. */
class PostgresProducerRepositoryIT extends ProducerRepositoryContract {

  private static final StorePersistence STORE =
      TestDatabases.postgresPersistence(PostgresProducerRepositoryIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

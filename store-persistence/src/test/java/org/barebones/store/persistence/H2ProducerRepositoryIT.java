package org.barebones.store.persistence;

import org.barebones.store.domain.contract.ProducerRepositoryContract;
import org.barebones.store.domain.port.StorePersistence;

/** The ProducerRepository contract, run by the JDBI adapters on H2 in PostgreSQL mode. */
class H2ProducerRepositoryIT extends ProducerRepositoryContract {

  private static final StorePersistence STORE =
      TestDatabases.h2Persistence(H2ProducerRepositoryIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

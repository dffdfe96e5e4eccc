package org.barebones.store.persistence;

import org.barebones.store.domain.contract.OrderRepositoryContract;
import org.barebones.store.domain.port.StorePersistence;

/** The OrderRepository contract, run by the JDBI adapters on H2 in PostgreSQL mode. */
class H2OrderRepositoryIT extends OrderRepositoryContract {

  private static final StorePersistence STORE =
      TestDatabases.h2Persistence(H2OrderRepositoryIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

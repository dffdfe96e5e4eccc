package org.barebones.store.persistence;

import org.barebones.store.domain.contract.ProductRepositoryContract;
import org.barebones.store.domain.port.StorePersistence;

/** The ProductRepository contract, run by the JDBI adapters on H2 in PostgreSQL mode. */
class H2ProductRepositoryIT extends ProductRepositoryContract {

  private static final StorePersistence STORE =
      TestDatabases.h2Persistence(H2ProductRepositoryIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

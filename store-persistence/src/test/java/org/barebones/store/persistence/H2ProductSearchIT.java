package org.barebones.store.persistence;

import org.barebones.store.domain.contract.ProductSearchContract;
import org.barebones.store.domain.port.StorePersistence;

/** The catalogue search contract, run by the JDBI adapters on H2 in PostgreSQL mode. */
class H2ProductSearchIT extends ProductSearchContract {

  private static final StorePersistence STORE =
      TestDatabases.h2Persistence(H2ProductSearchIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

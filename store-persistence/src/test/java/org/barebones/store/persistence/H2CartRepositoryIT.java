package org.barebones.store.persistence;

import org.barebones.store.domain.contract.CartRepositoryContract;
import org.barebones.store.domain.port.StorePersistence;

/** The CartRepository contract, run by the JDBI adapters on H2 in PostgreSQL mode. */
class H2CartRepositoryIT extends CartRepositoryContract {

  private static final StorePersistence STORE =
      TestDatabases.h2Persistence(H2CartRepositoryIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

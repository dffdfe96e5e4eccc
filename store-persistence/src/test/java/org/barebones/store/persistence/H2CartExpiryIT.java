package org.barebones.store.persistence;

import org.barebones.store.domain.contract.CartExpiryContract;
import org.barebones.store.domain.port.StorePersistence;

/** The CartExpiry contract, run by the JDBI adapters on H2 in PostgreSQL mode. */
class H2CartExpiryIT extends CartExpiryContract {

  private static final StorePersistence STORE = TestDatabases.h2Persistence(H2CartExpiryIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

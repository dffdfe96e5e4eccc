package org.barebones.store.persistence;

import org.barebones.store.domain.contract.CheckoutConcurrencyContract;
import org.barebones.store.domain.port.StorePersistence;

/** The CheckoutConcurrency contract, run by the JDBI adapters on H2 in PostgreSQL mode. */
class H2CheckoutConcurrencyIT extends CheckoutConcurrencyContract {

  private static final StorePersistence STORE =
      TestDatabases.h2Persistence(H2CheckoutConcurrencyIT.class);

  @Override
  protected StorePersistence persistence() {
    return STORE;
  }
}

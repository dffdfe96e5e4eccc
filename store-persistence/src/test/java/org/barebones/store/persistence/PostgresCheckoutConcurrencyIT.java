package org.barebones.store.persistence;

import org.barebones.store.domain.contract.CheckoutConcurrencyContract;
import org.barebones.store.domain.port.StorePersistence;

/** The CheckoutConcurrency contract, run by the JDBI adapters on PostgreSQL. */
class PostgresCheckoutConcurrencyIT extends CheckoutConcurrencyContract {

  private static final StorePersistence STORE =
      TestDatabases.postgresPersistence(PostgresCheckoutConcurrencyIT.class);

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

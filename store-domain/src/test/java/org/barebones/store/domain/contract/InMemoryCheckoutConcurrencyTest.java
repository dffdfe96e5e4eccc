package org.barebones.store.domain.contract;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.port.StorePersistence;

/** The CheckoutConcurrency contract, run against the in-memory adapters. */
class InMemoryCheckoutConcurrencyTest extends CheckoutConcurrencyContract {
  @Override
  protected StorePersistence persistence() {
    return Store.inMemoryPersistence(USD);
  }
}

package org.barebones.store.domain.contract;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.port.StorePersistence;

/** The cancellation contract, run by the in-memory adapters. */
class InMemoryCancellationTest extends CancellationContract {

  @Override
  protected StorePersistence persistence() {
    return Store.inMemoryPersistence(USD);
  }

  @Override
  protected boolean unitsOfWorkRunConcurrently() {
    return false;
  }
}

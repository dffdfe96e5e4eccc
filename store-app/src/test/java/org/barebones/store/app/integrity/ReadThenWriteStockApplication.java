package org.barebones.store.app.integrity;

import org.barebones.store.domain.fixtures.ReadThenWriteStock;
import org.barebones.store.domain.port.StorePersistence;

/**
 * Control: a store whose stock decrement reads the stock into memory, checks it, and writes the
 * difference back: the original API's overselling bug, inside otherwise correct transactions.
 */
public final class ReadThenWriteStockApplication extends ControlApplication {

  @Override
  protected StorePersistence broken(StorePersistence real) {
    return new StorePersistence(
        real.producers(),
        new ReadThenWriteStock(real.products()),
        real.carts(),
        real.orders(),
        real.events(),
        real.transactions(),
        real.idempotency());
  }
}

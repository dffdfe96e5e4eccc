package org.barebones.store.app.integrity;

import java.util.function.Supplier;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.port.Transactions;

/**
 * Control: a store whose use cases run without a unit of work, so every statement commits on its
 * own: a checkout interrupted between taking stock and recording its order (by a refused line, or
 * by a crash) leaves the stock taken and no order. Runs in a child process too ({@link #main}).
 */
public final class NoUnitOfWorkApplication extends ControlApplication {

  public static void main(String[] args) throws Exception {
    new NoUnitOfWorkApplication().run(args);
  }

  @Override
  protected StorePersistence broken(StorePersistence real) {
    return new StorePersistence(
        real.producers(),
        real.products(),
        real.carts(),
        real.orders(),
        real.events(),
        new EachStatementAlone(),
        real.idempotency());
  }

  /** Runs the work as it is: each repository call commits by itself. */
  private static final class EachStatementAlone implements Transactions {
    @Override
    public <T> T inTransaction(Supplier<T> work) {
      return work.get();
    }
  }
}

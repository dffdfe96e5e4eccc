package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.fixtures.ReadThenWriteStock;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.port.Transactions;
import org.junit.jupiter.api.Test;

/**
 * Control cases: the hot-product contract run against deliberately broken adapters (no unit of
 * work, so no rollback of a cart's other lines, and a stock decrement that reads, yields, then
 * writes back) must see the breakage. If these ever pass cleanly, the contract proves nothing.
 */
class HotProductControlTest {

  private static final int TRIES = 5;

  /** Runs the contract's sales over the broken adapters, never asserting inside them. */
  private static final class Broken extends HotProductContract {
    Broken() {
      store = persistence();
    }

    @Override
    protected StorePersistence persistence() {
      StorePersistence real = Store.inMemoryPersistence(USD);
      return new StorePersistence(
          real.producers(),
          new ReadThenWriteStock(real.products()),
          real.carts(),
          real.orders(),
          real.events(),
          new NoTransactions(),
          real.idempotency());
    }
  }

  @Test
  void theFlashSale_catchesANonAtomicDecrement() throws Exception {
    boolean caught = false;
    for (int i = 0; i < TRIES && !caught; i++) {
      HotProductContract.SaleOutcome outcome = new Broken().flashSale();
      caught =
          outcome.sold() != outcome.stockBefore()
              || outcome.stockAfter() != 0
              || outcome.outOfStockEvents() != 1
              || outcome.stockBefore() - outcome.stockAfter() != outcome.sold();
    }
    assertThat(caught).as("a read-then-write decrement went unseen by the flash sale").isTrue();
  }

  @Test
  void theMixedSale_catchesCartsSoldInPart() throws Exception {
    boolean caught = false;
    for (int i = 0; i < TRIES && !caught; i++) {
      HotProductContract.MixedOutcome outcome = new Broken().mixedSale();
      caught =
          outcome.brokenCarts() != 0
              || outcome.hotLeft() != 0
              || outcome.sold() != outcome.hotStock()
              || outcome.otherUnitsTaken() != outcome.sold();
    }
    assertThat(caught).as("carts without a unit of work went unseen by the mixed sale").isTrue();
  }

  /** Runs work with no isolation and no rollback at all. */
  private static final class NoTransactions implements Transactions {
    @Override
    public <T> T inTransaction(Supplier<T> work) {
      return work.get();
    }
  }
}

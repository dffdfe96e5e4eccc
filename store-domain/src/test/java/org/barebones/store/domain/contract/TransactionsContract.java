package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.product.Product;
import org.junit.jupiter.api.Test;

/** Contract of {@link org.barebones.store.domain.port.Transactions}. */
public abstract class TransactionsContract extends ContractSupport {

  /** A key that groups the units given it: they all want the same rows. */
  private static final Object SAME_ROWS = "the same rows";

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void inTransaction_returnsTheResultAndKeepsTheChanges() {
    Product product = aProduct(5);

    boolean taken =
        store.transactions().inTransaction(() -> store.products().takeStock(product.id(), 2));

    assertThat(taken).isTrue();
    assertThat(stockOf(product)).isEqualTo(3);
  }

  @Test
  void inTransaction_whenTheWorkThrows_undoesEveryChange() {
    Product product = aProduct(5);
    Cart cart = store.carts().create(NOW);

    assertThatThrownBy(
            () ->
                store
                    .transactions()
                    .inTransaction(
                        () -> {
                          store.products().takeStock(product.id(), 2);
                          store.carts().putLine(cart.id(), product.id(), 2, usd("1.00"));
                          store.carts().create(NOW);
                          throw new IllegalStateException("boom");
                        }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("boom");

    assertThat(stockOf(product)).isEqualTo(5);
    assertThat(store.carts().findById(cart.id()).orElseThrow().lines()).isEmpty();
  }

  @Test
  void aNestedCall_joinsTheOuterUnitOfWork() {
    Product product = aProduct(5);

    assertThatThrownBy(
            () ->
                store
                    .transactions()
                    .inTransaction(
                        () -> {
                          store
                              .transactions()
                              .inTransaction(() -> store.products().takeStock(product.id(), 1));
                          throw new IllegalStateException("outer fails after inner");
                        }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(stockOf(product)).isEqualTo(5);
  }

  /**
   * Read-modify-write of a line's quantity under {@code lockById}: without the lock, racing units
   * of work would lose increments.
   */
  @Test
  void lockById_holdsTheCartExclusivelyUntilTheUnitOfWorkEnds() throws Exception {
    Product product = aProduct(aProducer(), "1.00", 1_000);
    Cart cart = store.carts().create(NOW);
    store.carts().putLine(cart.id(), product.id(), 1, usd("1.00"));
    int threads = 8;
    int incrementsEach = 25;

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Void>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            () -> {
              for (int i = 0; i < incrementsEach; i++) {
                store
                    .transactions()
                    .inTransaction(
                        () -> {
                          Cart locked = store.carts().lockById(cart.id()).orElseThrow();
                          int q = locked.line(product.id()).orElseThrow().quantity();
                          store.carts().putLine(cart.id(), product.id(), q + 1, usd("1.00"));
                          return null;
                        });
              }
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(workers)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    Cart after = store.carts().findById(cart.id()).orElseThrow();
    assertThat(after.line(product.id()).orElseThrow().quantity())
        .isEqualTo(1 + threads * incrementsEach);
  }

  /** Units that may share a commit, racing: the most an adapter can group at once. */
  protected int sharedUnits() {
    return 48;
  }

  /**
   * Units sharing commits, every third failing after it took stock: each failing unit is undone
   * alone and its caller gets its own failure; every other unit's change stays.
   */
  @Test
  void sharedUnits_aFailingUnitUndoesOnlyItself() throws Exception {
    Product product = aProduct(1_000);
    int units = sharedUnits();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(units);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int i = 0; i < units; i++) {
        int index = i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store
                      .transactions()
                      .inSharedTransaction(
                          SAME_ROWS,
                          () -> {
                            store.products().takeStock(product.id(), 1);
                            if (index % 3 == 0) {
                              throw new IllegalStateException("unit " + index + " fails");
                            }
                            return index;
                          });
                }));
      }
      start.countDown();
      int kept = 0;
      for (int i = 0; i < units; i++) {
        if (i % 3 == 0) {
          Future<Integer> failing = results.get(i);
          assertThatThrownBy(() -> failing.get(1, TimeUnit.MINUTES))
              .isInstanceOf(ExecutionException.class)
              .cause()
              .isInstanceOf(IllegalStateException.class)
              .hasMessage("unit " + i + " fails");
        } else {
          assertThat(results.get(i).get(1, TimeUnit.MINUTES)).isEqualTo(i);
          kept++;
        }
      }
      assertThat(stockOf(product)).as("stock left").isEqualTo(1_000 - kept);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A unit's result is given back only once its change is committed: a read made by its caller
   * right after, outside any unit of work, sees at most the stock the unit left (never a count from
   * before its change).
   */
  @Test
  void aSharedUnit_answersOnlyAfterItsCommit() throws Exception {
    Product product = aProduct(1_000);
    int units = sharedUnits();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(units);
    List<Future<int[]>> results = new ArrayList<>();
    try {
      for (int i = 0; i < units; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int left =
                      store
                          .transactions()
                          .inSharedTransaction(
                              SAME_ROWS,
                              () -> {
                                assertThat(store.products().takeStock(product.id(), 1)).isTrue();
                                return store
                                    .products()
                                    .findById(product.id())
                                    .orElseThrow()
                                    .inventoryCount();
                              });
                  return new int[] {left, stockOf(product)};
                }));
      }
      start.countDown();
      List<String> early = new ArrayList<>();
      for (Future<int[]> result : results) {
        int[] leftThenSeen = result.get(1, TimeUnit.MINUTES);
        if (leftThenSeen[1] > leftThenSeen[0]) {
          early.add("left " + leftThenSeen[0] + ", then read " + leftThenSeen[1]);
        }
      }
      assertThat(early).as("answers read before their commit").isEmpty();
      assertThat(stockOf(product)).isEqualTo(1_000 - units);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSharedUnitNestedInAnOuterUnitOfWork_joinsIt() {
    Product product = aProduct(5);

    assertThatThrownBy(
            () ->
                store
                    .transactions()
                    .inTransaction(
                        () -> {
                          store
                              .transactions()
                              .inSharedTransaction(
                                  SAME_ROWS, () -> store.products().takeStock(product.id(), 1));
                          throw new IllegalStateException("outer fails after the shared unit");
                        }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(stockOf(product)).isEqualTo(5);
  }
}

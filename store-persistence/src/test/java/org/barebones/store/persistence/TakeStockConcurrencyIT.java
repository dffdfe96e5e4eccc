package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.product.ProductId;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code takeStock} never oversells, however many threads race for the last units; and the same
 * race does catch a decrement that reads stock into memory and writes it back, so passing means
 * something.
 */
class TakeStockConcurrencyIT {

  private static final int STOCK = 100;
  private static final int THREADS = 64;
  private static final int CONTROL_TRIES = 5;

  /** One way of taking one unit: true if it was taken. */
  private interface Decrement {
    boolean takeOne(ProductId product);
  }

  private record Outcome(int taken, int stockAfter) {}

  @OnEachDatabase
  void racingThreads_takeExactlyTheStock_andLeaveZero(TestDatabases.Kind kind) throws Exception {
    StorePersistence store = kind.migrated("take_stock").store();
    ProductId product = aProduct(store);

    Outcome outcome = race(product, id -> store.products().takeStock(id, 1), store);

    assertThat(outcome.taken()).as("units taken").isEqualTo(STOCK);
    assertThat(outcome.stockAfter()).as("stock left").isZero();
  }

  @OnEachDatabase
  void theSameRace_catchesAReadThenWriteDecrement(TestDatabases.Kind kind) throws Exception {
    TestDatabases.Migrated database = kind.migrated("take_stock_control");
    StorePersistence store = database.store();
    Jdbi jdbi = Jdbi.create(database.dataSource());
    Decrement readThenWrite =
        id ->
            jdbi.withHandle(
                handle -> {
                  int stock =
                      handle
                          .createQuery("SELECT inventory_count FROM product WHERE id = :id")
                          .bind("id", id.value())
                          .mapTo(Integer.class)
                          .one();
                  if (stock < 1) {
                    return false;
                  }
                  Thread.yield(); // as any I/O between the read and the write would
                  handle
                      .createUpdate("UPDATE product SET inventory_count = :stock WHERE id = :id")
                      .bind("stock", stock - 1)
                      .bind("id", id.value())
                      .execute();
                  return true;
                });

    List<Outcome> outcomes = new ArrayList<>();
    while (outcomes.size() < CONTROL_TRIES && outcomes.stream().noneMatch(o -> o.taken() > STOCK)) {
      outcomes.add(race(aProduct(store), readThenWrite, store));
    }

    assertThat(outcomes)
        .as("the broken decrement hands out more units than were in stock")
        .anyMatch(o -> o.taken() > STOCK);
  }

  /** Every thread takes units until told there are none left; counts what was handed out. */
  private static Outcome race(ProductId product, Decrement decrement, StorePersistence store)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int taken = 0;
                  // Bounded, in case a broken decrement keeps putting units back.
                  for (int attempt = 0; attempt < 10 * STOCK; attempt++) {
                    if (!decrement.takeOne(product)) {
                      break;
                    }
                    taken++;
                  }
                  return taken;
                }));
      }
      start.countDown();
      int taken = 0;
      for (Future<Integer> result : results) {
        taken += result.get(2, TimeUnit.MINUTES);
      }
      return new Outcome(taken, store.products().findById(product).orElseThrow().inventoryCount());
    } finally {
      pool.shutdownNow();
    }
  }

  private static ProductId aProduct(StorePersistence store) {
    return Seed.product(store, "1.00", STOCK).id();
  }
}

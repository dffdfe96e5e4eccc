package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.password.Pbkdf2PasswordHasher;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.producer.NewProducer;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.Username;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.usecase.CheckoutCommand;
import org.barebones.store.domain.usecase.SetCartLineCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A rough, in-process look at checkouts of one product against checkouts spread over many, on
 * PostgreSQL: prints checkouts per second for each, never asserts a timing. Run on demand only
 * ({@code -Dhot.throughput=true}); the benchmark proper is {@code bench/run}.
 */
@EnabledIfSystemProperty(named = "hot.throughput", matches = "true")
class HotProductThroughputIT {

  private static final int THREADS = 64;
  private static final long SECONDS = 5;

  @Test
  void printsHotAgainstSpreadCheckoutsPerSecond() throws Exception {
    StorePersistence store = TestDatabases.postgresPersistence(HotProductThroughputIT.class);
    JdbiTransactions transactions = (JdbiTransactions) store.transactions();
    Store shop =
        Store.builder()
            .persistence(store)
            .inMemoryTokens()
            .passwordHasher(new Pbkdf2PasswordHasher(1))
            .clock(Clock.systemUTC())
            .build();
    Producer owner =
        store.producers().add(new NewProducer(new Username("throughput"), "not-a-hash"));
    List<Product> spread = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      spread.add(product(store, owner));
    }
    Product hot = product(store, owner);

    run(shop, List.of(hot), 1); // warm-up
    long groups = transactions.sharedGroups();
    long units = transactions.sharedUnits();
    double hotRate = run(shop, List.of(hot), SECONDS);
    long hotGroups = transactions.sharedGroups() - groups;
    long hotUnits = transactions.sharedUnits() - units;
    groups = transactions.sharedGroups();
    units = transactions.sharedUnits();
    double spreadRate = run(shop, spread, SECONDS);
    System.out.printf(
        "HotProductThroughputIT (%d threads, %d s each, shared machine): hot %.0f checkouts/s"
            + " (%d in %d shared transactions), spread %.0f checkouts/s (%d in %d), hot/spread"
            + " %.2f%n",
        THREADS,
        SECONDS,
        hotRate,
        hotUnits,
        hotGroups,
        spreadRate,
        transactions.sharedUnits() - units,
        transactions.sharedGroups() - groups,
        hotRate / spreadRate);
    assertThat(hotUnits).isPositive();
  }

  private static Product product(StorePersistence store, Producer owner) {
    return store
        .products()
        .add(
            new NewProduct(
                owner.id(), "Widget", Money.of("1.00", TestDatabases.CURRENCY), 1_000_000_000));
  }

  /** Each thread puts one product in a new cart and checks it out, until the time is up. */
  private static double run(Store shop, List<Product> products, long seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> counts = new ArrayList<>();
      long started = System.nanoTime();
      for (int t = 0; t < THREADS; t++) {
        counts.add(
            pool.submit(
                () -> {
                  int done = 0;
                  while (System.nanoTime() < end) {
                    Product p = products.get(ThreadLocalRandom.current().nextInt(products.size()));
                    CartId id = shop.createCart().create().cart().id();
                    shop.setCartLine().set(new SetCartLineCommand(id, id, p.id(), 1));
                    shop.checkout().checkout(CheckoutCommand.of(id));
                    done++;
                  }
                  return done;
                }));
      }
      int total = 0;
      for (Future<Integer> count : counts) {
        total += count.get(2, TimeUnit.MINUTES);
      }
      return total * 1e9 / (System.nanoTime() - started);
    } finally {
      pool.shutdownNow();
    }
  }
}

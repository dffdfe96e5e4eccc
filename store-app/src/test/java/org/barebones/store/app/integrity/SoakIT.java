package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.barebones.store.app.testing.Accounting;
import org.barebones.store.app.testing.CheckoutLoad;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Ledger;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.Shop.Cart;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * Proof: a mixed load (browsing, carts, checkouts, some of them racing for scarce stock) at 64
 * connections for {@code -Dstore.soak.seconds} (10 by default; 60 or more by hand) runs without an
 * error, and the server's heap after a full GC does not grow from warm-up to the end. The books
 * balance afterwards.
 */
class SoakIT {

  private static final int CONNECTIONS = 64;

  /** Few enough that the rare items sell out during warm-up, so checkouts meet 409s. */
  private static final int RARE_STOCK = 10;

  private static final int SECONDS = Integer.getInteger("store.soak.seconds", 10);
  private static final int WARM_UP_SECONDS = Math.max(3, Math.min(10, SECONDS / 3));

  /** Latency buckets of 1 ms, up to 20 s. */
  private static final int BUCKETS = 20_000;

  private static final class Tally {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong expected409 = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLongArray latency = new AtomicLongArray(BUCKETS);
    final Queue<String> samples = new ConcurrentLinkedQueue<>();

    void answered(Reply reply, boolean conflictExpected) {
      requests.incrementAndGet();
      latency.incrementAndGet((int) Math.min(BUCKETS - 1, reply.nanos() / 1_000_000));
      boolean ok = reply.status() == 200;
      boolean stock =
          conflictExpected
              && reply.status() == 409
              && CheckoutLoad.INSUFFICIENT_STOCK.equals(reply.problemType());
      if (stock) {
        expected409.incrementAndGet();
      } else if (!ok) {
        error(reply.toString());
      }
    }

    void error(String what) {
      errors.incrementAndGet();
      if (samples.size() < 20) {
        samples.add(what);
      }
    }

    long percentileMillis(double p) {
      long total = 0;
      for (int i = 0; i < BUCKETS; i++) {
        total += latency.get(i);
      }
      long rank = (long) Math.ceil(total * p);
      long seen = 0;
      for (int i = 0; i < BUCKETS; i++) {
        seen += latency.get(i);
        if (seen >= rank) {
          return i + 1;
        }
      }
      return BUCKETS;
    }
  }

  @Test
  void mixedLoadAt64Connections_hasNoErrors_andTheHeapDoesNotGrow() throws Exception {
    Db db = Db.postgres("soak");
    // All 64 connections come from 127.0.0.1: lift the per-address thread limit (64 by default),
    // which SlowClientsIT proves, so that the soak measures the store alone.
    try (Node node = Node.start(db, Map.of("slowClients.maxThreadsPerAddress", "1024"))) {
      Shop shop = new Shop(node.client(Duration.ofSeconds(15)));
      Shop.Producer seller = shop.newProducer("soak");
      Map<Long, Integer> startStock = new TreeMap<>();
      List<Long> plenty =
          shop.newProducts(seller, "Everyday item", "1.25", 40, 10_000_000, startStock);
      List<Long> scarce = shop.newProducts(seller, "Rare item", "99.00", 4, RARE_STOCK, startStock);
      Ledger ledger = new Ledger();

      Tally warmUp = new Tally();
      run(
          warmUp,
          Duration.ofSeconds(WARM_UP_SECONDS),
          random -> oneRound(shop, seller, plenty, scarce, ledger, warmUp, random));
      long warm = heapAfterGc();
      Tally tally = new Tally();
      long start = System.nanoTime();
      run(
          tally,
          Duration.ofSeconds(SECONDS),
          random -> oneRound(shop, seller, plenty, scarce, ledger, tally, random));
      long millis = (System.nanoTime() - start) / 1_000_000;
      long end = heapAfterGc();

      Accounting.Report books;
      try (Connection connection = db.connect()) {
        books = Accounting.check(connection, startStock, ledger);
      }
      Figures.record(
          "SoakIT",
          String.format(
              "%d s at %d connections: %d requests (%.0f/s), p50 %d ms, p99 %d ms, %d expected 409s"
                  + " for stock, %d errors; heap after GC %.1f MiB after warm-up, %.1f MiB at the"
                  + " end; books: %s",
              SECONDS,
              CONNECTIONS,
              tally.requests.get(),
              tally.requests.get() * 1000.0 / millis,
              tally.percentileMillis(0.50),
              tally.percentileMillis(0.99),
              tally.expected409.get(),
              tally.errors.get(),
              warm / 1048576.0,
              end / 1048576.0,
              books.figures()));
      assertThat(tally.errors.get()).as("errors: %s", tally.samples).isZero();
      assertThat(tally.requests.get()).isGreaterThan(SECONDS * 20L);
      assertThat(end)
          .as("heap after GC at the end vs after warm-up")
          .isLessThan(warm * 3 / 2 + 32L * 1048576);
      assertThat(books.violations()).as(books.toString()).isEmpty();
      assertThat(books.unknown()).isZero();
    }
  }

  /** {@link #CONNECTIONS} clients, each playing rounds until {@code duration} has passed. */
  private static void run(Tally tally, Duration duration, Consumer<Random> play)
      throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    for (int c = 0; c < CONNECTIONS; c++) {
      int connection = c;
      pool.execute(
          () -> {
            Random random = new Random(connection * 7919L + System.nanoTime());
            for (int round = 0; round < 1_000_000 && System.nanoTime() < deadline; round++) {
              try {
                play.accept(random);
              } catch (UncheckedIOException e) {
                tally.error(e.getMessage());
              }
            }
          });
    }
    pool.shutdown();
    if (!pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
      pool.shutdownNow();
      throw new AssertionError("the load did not stop");
    }
  }

  /** Browse mostly, fill carts often, check out some; a few carts reach for the scarce items. */
  private static void oneRound(
      Shop shop,
      Shop.Producer seller,
      List<Long> plenty,
      List<Long> scarce,
      Ledger ledger,
      Tally tally,
      Random random) {
    StoreClient client = shop.client();
    int action = random.nextInt(100);
    if (action < 55) {
      Reply reply =
          switch (random.nextInt(4)) {
            case 0 -> client.get("/api/products?limit=50&after=" + random.nextInt(20));
            case 1 -> client.get("/api/products/" + plenty.get(random.nextInt(plenty.size())));
            case 2 -> client.get("/api/producer/" + seller.id());
            default -> client.get("/api/producer?limit=20");
          };
      tally.answered(reply, false);
      return;
    }
    Reply opened = client.post("/api/shopping_cart", null, null);
    tally.answered(opened, false);
    if (opened.status() != 200) {
      return;
    }
    Cart cart = Shop.cartOf(opened.json());
    Map<Long, Integer> lines = new TreeMap<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      boolean rare = random.nextInt(5) == 0;
      long product =
          rare
              ? scarce.get(random.nextInt(scarce.size()))
              : plenty.get(random.nextInt(plenty.size()));
      int quantity = 1 + random.nextInt(2);
      Reply line = shop.putLine(cart, product, quantity);
      tally.answered(line, rare);
      if (line.status() == 200) {
        lines.put(product, quantity);
      }
    }
    tally.answered(
        client.get("/api/shopping_cart/" + cart.id() + "?use-cache=0", cart.token()), false);
    if (action < 85 || lines.isEmpty()) {
      return;
    }
    Reply checkout = shop.checkout(cart);
    boolean rare = lines.keySet().stream().anyMatch(scarce::contains);
    tally.answered(checkout, rare);
    if (checkout.status() == 200) {
      ledger.bought(cart.id(), lines, checkout.json().path("order").path("id").asLong());
    } else if (checkout.status() == 409) {
      ledger.short_(cart.id(), lines);
    } else {
      ledger.unknown(cart.id(), lines);
    }
  }

  /** Heap in use after full collections, once it has settled. */
  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      // A pause is the point: System.gc() is only a request, and no event says when the
      // collectors (and finalisation of what they freed) are done.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}

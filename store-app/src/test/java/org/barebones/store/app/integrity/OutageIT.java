package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.barebones.store.app.StoreApplication;
import org.barebones.store.app.testing.Accounting;
import org.barebones.store.app.testing.Await;
import org.barebones.store.app.testing.ChildServer;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Ledger;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Overrides;
import org.barebones.store.app.testing.RunsAlone;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.Shop.Cart;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * Proof: with load running, PostgreSQL stops; every request then answers promptly (within the
 * connection wait of about 2 s, never a hang) with a 503 problem, and the admin health check turns
 * unhealthy. PostgreSQL starts again on the same files and port: the same server process, never
 * restarted, answers 200 again within seconds, its health check recovers, and the books balance.
 *
 * <p>Beside the loaded server (the defaults, no file) runs one started from the sample {@code
 * config-postgres.yml} (merged from DatabaseOutageIT): during the same outage it answers 503
 * problems within the connection wait for reads and writes and its health check answers 500; after
 * the restart it answers only 503 until it answers 200 by itself, with the data it had, and its
 * health check answers 200 again.
 */
@RunsAlone
class OutageIT {

  /** The connection wait (2 s) plus room for a busy machine. */
  private static final long PROMPT_MILLIS = 5_000;

  private static final int WORKERS = 16;

  private enum Phase {
    BEFORE,
    OUTAGE,
    RECOVERING,
    AFTER
  }

  /** What the load saw in one phase. */
  private static final class Seen {
    final ConcurrentMap<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    final AtomicLong unanswered = new AtomicLong();
    final AtomicLong slowestMillis = new AtomicLong();
    final AtomicLong last503At = new AtomicLong();
    final Queue<String> odd = new ConcurrentLinkedQueue<>();

    void answered(Reply reply) {
      statuses.computeIfAbsent(reply.status(), s -> new AtomicLong()).incrementAndGet();
      slowestMillis.accumulateAndGet(reply.nanos() / 1_000_000, Math::max);
      if (reply.status() == 503) {
        last503At.accumulateAndGet(System.nanoTime(), Math::max);
      }
    }

    void odd(String what) {
      if (odd.size() < 20) {
        odd.add(what);
      }
    }

    long count(int status) {
      AtomicLong n = statuses.get(status);
      return n == null ? 0 : n.get();
    }

    long fiveHundreds() {
      return statuses.entrySet().stream()
          .filter(e -> e.getKey() >= 500)
          .mapToLong(e -> e.getValue().get())
          .sum();
    }

    @Override
    public String toString() {
      Map<Integer, Long> sorted = new TreeMap<>();
      statuses.forEach((k, v) -> sorted.put(k, v.get()));
      return sorted + ", unanswered " + unanswered + ", slowest " + slowestMillis + " ms";
    }
  }

  @Test
  void postgresStopsAndStarts_theSameServerAnswers503Promptly_thenRecovers() throws Exception {
    Path data = Path.of("target", "integrity", "outage-" + System.nanoTime()).toAbsolutePath();
    Files.createDirectories(data.getParent());
    int pgPort = ChildServer.freePort();
    EmbeddedPostgres postgres = startPostgres(data, pgPort);
    AtomicReference<EmbeddedPostgres> running = new AtomicReference<>(postgres);
    Db db = Db.postgresAt(pgPort);
    try (Node node = Node.start(db);
        Node sample =
            Node.start(
                StoreApplication.class,
                SAMPLE_CONFIG,
                Overrides.defaults(db).set("logging.level", "ERROR"))) {
      StoreClient sampleApi = sample.client();
      StoreClient sampleAdmin = sample.admin();
      String sampleProduct = sampleProduct(sampleApi);
      Shop shop = new Shop(node.client(Duration.ofSeconds(20)));
      StoreClient admin = node.admin();
      Shop.Producer seller = shop.newProducer("outage");
      Map<Long, Integer> startStock = new TreeMap<>();
      List<Long> products = shop.newProducts(seller, "Staple", "2.50", 4, 1_000_000, startStock);
      assertThat(admin.get("/healthcheck").status()).isEqualTo(200);

      Ledger ledger = new Ledger();
      Queue<Cart> undecided = new ConcurrentLinkedQueue<>();
      Map<Phase, Seen> seen = new ConcurrentHashMap<>();
      for (Phase p : Phase.values()) {
        seen.put(p, new Seen());
      }
      AtomicReference<Phase> phase = new AtomicReference<>(Phase.BEFORE);
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService load = Executors.newFixedThreadPool(WORKERS);
      for (int w = 0; w < WORKERS; w++) {
        int worker = w;
        load.execute(() -> work(worker, shop, products, phase, seen, ledger, undecided, stop));
      }
      try {
        awaitFor(Duration.ofSeconds(2));

        // Stop PostgreSQL under load.
        phase.set(Phase.OUTAGE);
        long stopped = System.nanoTime();
        running.getAndSet(null).close();
        long unhealthyAfter =
            pollUntil(Duration.ofSeconds(30), () -> admin.get("/healthcheck").status() != 200);
        long first503After =
            pollUntil(
                Duration.ofSeconds(30), () -> shop.client().get("/api/products").status() == 503);
        Reply problem = shop.client().get("/api/products");
        sampleServerIsUnavailable(sampleApi, sampleAdmin, sampleProduct);
        awaitFor(Duration.ofSeconds(3));
        long outageMillis = (System.nanoTime() - stopped) / 1_000_000;

        // Start it again on the same files and port; the server is left alone.
        phase.set(Phase.RECOVERING);
        long restarted = System.nanoTime();
        running.set(startPostgres(data, pgPort));
        long recoveredAfter =
            pollUntil(
                Duration.ofSeconds(30), () -> shop.client().get("/api/products").status() == 200);
        long healthyAfter =
            pollUntil(Duration.ofSeconds(30), () -> admin.get("/healthcheck").status() == 200);
        // Recovered means: a run of answers all 200.
        for (int i = 0; i < 50; i++) {
          Shop.expect(200, shop.client().get("/api/products/" + products.get(i % products.size())));
        }
        sampleServerRecovers(sampleApi, sampleAdmin, sampleProduct);
        phase.set(Phase.AFTER);
        awaitFor(Duration.ofSeconds(2));
        stop.set(true);
        load.shutdown();
        assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).as("load stopped").isTrue();

        // Settle the checkouts the outage cut off, then check the books.
        for (Cart cart : undecided) {
          Reply reply = shop.checkout(cart);
          Map<Long, Integer> lines = ledger.entries().get(cart.id()).lines();
          if (reply.status() == 200) {
            ledger.bought(cart.id(), lines, reply.json().path("order").path("id").asLong());
          } else {
            assertThat(reply.status()).as("settling cart %s: %s", cart.id(), reply).isEqualTo(409);
            ledger.short_(cart.id(), lines);
          }
        }
        Accounting.Report books;
        try (Connection connection = db.connect()) {
          books = Accounting.check(connection, startStock, ledger);
        }

        Seen before = seen.get(Phase.BEFORE);
        Seen outage = seen.get(Phase.OUTAGE);
        Seen after = seen.get(Phase.AFTER);
        long last503 = seen.get(Phase.RECOVERING).last503At.get();
        long last503After = last503 == 0 ? 0 : Math.max(0, (last503 - restarted) / 1_000_000);
        Figures.record(
            "OutageIT",
            String.format(
                "database down %d ms: first 503 after %d ms, health check unhealthy after %d ms;"
                    + " restarted: first 200 after %d ms, healthy after %d ms, last 503 (a pooled"
                    + " connection from before) after %d ms; answers before %s;"
                    + " during the outage %s; while recovering %s; after %s; %d cut-off checkouts"
                    + " settled; books: %s",
                outageMillis,
                first503After,
                unhealthyAfter,
                recoveredAfter,
                healthyAfter,
                last503After,
                before,
                outage,
                seen.get(Phase.RECOVERING),
                after,
                undecided.size(),
                books.figures()));

        assertThat(before.fiveHundreds()).as("before: %s %s", before, before.odd).isZero();
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.header("Content-Type").orElse(""))
            .startsWith("application/problem+json");
        assertThat(problem.problemType()).startsWith("/problems/");
        assertThat(outage.count(503)).as("503s during the outage").isPositive();
        for (Phase p : Phase.values()) {
          Seen s = seen.get(p);
          assertThat(s.odd).as("odd answers %s", p).isEmpty();
          assertThat(s.unanswered.get()).as("requests without an answer %s: %s", p, s).isZero();
        }
        // While the database is away, every answer comes within the connection wait and a margin.
        assertThat(outage.slowestMillis.get())
            .as("slowest answer during the outage")
            .isLessThan(PROMPT_MILLIS);
        assertThat(after.fiveHundreds()).as("after recovery: %s", after).isZero();
        assertThat(after.count(200)).isPositive();
        assertThat(recoveredAfter).as("ms to the first 200 after the restart").isLessThan(15_000);
        assertThat(last503After).as("ms to the last 503 after the restart").isLessThan(15_000);
        assertThat(books.violations()).as(books.toString()).isEmpty();
        assertThat(books.unknown()).isZero();
      } finally {
        stop.set(true);
        load.shutdownNow();
        load.awaitTermination(30, TimeUnit.SECONDS);
      }
    } finally {
      EmbeddedPostgres last = running.getAndSet(null);
      if (last != null) {
        last.close();
      }
    }
  }

  /** The sample PostgreSQL configuration shipped beside the module. */
  private static final String SAMPLE_CONFIG = Path.of("..", "config-postgres.yml").toString();

  /** A product made through the sample-configured server; returns its path. */
  private static String sampleProduct(StoreClient api) {
    Reply producer =
        api.post(
            "/api/producer",
            Map.of("username", Shop.uniqueUsername("sample"), "password", "correct horse"),
            null);
    assertThat(producer.status()).as(producer.toString()).isEqualTo(200);
    Reply product =
        api.post(
            "/api/products",
            Map.of("title", "Durable", "price", 3, "inventory_count", 2),
            producer.json().get("auth_token").asText());
    assertThat(product.status()).as(product.toString()).isEqualTo(200);
    return "/api/products/" + product.json().get("id").asLong();
  }

  /**
   * The sample-configured server while the database is down. Includes the connections that the
   * shutdown killed: PostgreSQL tells them "terminating connection due to administrator command"
   * (SQLState 57P01), which is unavailability too.
   */
  private static void sampleServerIsUnavailable(
      StoreClient api, StoreClient admin, String product) {
    long before = System.nanoTime();
    Reply down = api.get(product);
    long tookMillis = (System.nanoTime() - before) / 1_000_000;
    assertThat(down.status()).as(down.toString()).isEqualTo(503);
    assertThat(down.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(tookMillis).as("ms for a read while the database is down").isLessThan(PROMPT_MILLIS);
    assertThat(api.post("/api/shopping_cart", null, null).status()).isEqualTo(503);
    assertThat(admin.get("/healthcheck").status()).isEqualTo(500);
  }

  /** The sample-configured server, left alone, after the database is back. */
  private static void sampleServerRecovers(StoreClient api, StoreClient admin, String product) {
    Reply up =
        Await.until(
            "the sample-configured server to answer 200 again",
            Duration.ofSeconds(30),
            () -> {
              Reply reply = api.get(product);
              // Until it recovers, it answers 503 and nothing else.
              assertThat(reply.status()).as(reply.toString()).isIn(200, 503);
              return reply;
            },
            reply -> reply.status() == 200);
    assertThat(up.json().get("title").asText()).isEqualTo("Durable");
    assertThat(api.post("/api/shopping_cart", null, null).status()).isEqualTo(200);
    assertThat(admin.get("/healthcheck").status()).isEqualTo(200);
  }

  /** One worker: browse, fill a cart, check it out; every answer goes to the phase it began in. */
  private static void work(
      int worker,
      Shop shop,
      List<Long> products,
      AtomicReference<Phase> phase,
      Map<Phase, Seen> seen,
      Ledger ledger,
      Queue<Cart> undecided,
      AtomicBoolean stop) {
    Random random = new Random(worker);
    for (int round = 0; round < 100_000 && !stop.get(); round++) {
      Phase at = phase.get();
      Attribution s = new Attribution(at, phase, seen);
      try {
        Reply list = shop.client().get("/api/products?limit=20");
        check(s, list, "list");
        Reply created = shop.client().post("/api/shopping_cart", null, null);
        check(s, created, "cart");
        if (created.status() != 200) {
          continue;
        }
        Cart cart = Shop.cartOf(created.json());
        long product = products.get(random.nextInt(products.size()));
        Reply line = shop.putLine(cart, product, 1);
        check(s, line, "line");
        if (line.status() != 200) {
          continue;
        }
        Reply checkout = shop.checkout(cart);
        check(s, checkout, "checkout");
        if (checkout.status() == 200) {
          ledger.bought(
              cart.id(), Map.of(product, 1), checkout.json().path("order").path("id").asLong());
        } else {
          ledger.unknown(cart.id(), Map.of(product, 1));
          undecided.add(cart);
        }
      } catch (UncheckedIOException e) {
        Seen where = s.seen();
        where.unanswered.incrementAndGet();
        where.odd(e.getMessage());
      }
    }
  }

  /**
   * Which phase an answer counts in: a request begun while the database was up and answered once it
   * was stopped counts in the outage; one begun while recovering counts there, wherever it ends.
   */
  private record Attribution(Phase begun, AtomicReference<Phase> now, Map<Phase, Seen> byPhase) {
    Seen seen() {
      return byPhase.get(begun == Phase.BEFORE ? now.get() : begun);
    }
  }

  /** Only 200 and 503 problems are expected; anything else is odd. */
  private static void check(Attribution attribution, Reply reply, String what) {
    Seen seen = attribution.seen();
    seen.answered(reply);
    boolean ok = reply.status() == 200;
    boolean unavailable =
        reply.status() == 503
            && reply.header("Content-Type").orElse("").startsWith("application/problem+json");
    if (!ok && !unavailable) {
      seen.odd(what + ": " + reply);
    }
  }

  private static EmbeddedPostgres startPostgres(Path data, int port) throws Exception {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  /** Polls {@code condition} until it holds; returns the milliseconds it took. */
  private static long pollUntil(Duration limit, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return (System.nanoTime() - start) / 1_000_000;
        }
      } catch (UncheckedIOException notYet) {
        // keep polling
      }
      // The poll interval of a condition read over HTTP: nothing to wait on but time.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    throw new AssertionError("not within " + limit);
  }

  /** Lets the load run for {@code time}: a bounded wait that synchronises nothing. */
  private static void awaitFor(Duration time) {
    long deadline = System.nanoTime() + time.toNanos();
    while (System.nanoTime() < deadline) {
      // The load runs for this long on purpose: a span of time, not a condition.
      LockSupport.parkNanos(deadline - System.nanoTime());
    }
  }
}

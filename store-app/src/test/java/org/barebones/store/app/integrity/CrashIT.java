package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.barebones.store.app.testing.Accounting;
import org.barebones.store.app.testing.Accounting.Report;
import org.barebones.store.app.testing.CheckoutLoad;
import org.barebones.store.app.testing.CheckoutLoad.Result;
import org.barebones.store.app.testing.CheckoutLoad.Settings;
import org.barebones.store.app.testing.ChildServer;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Ledger;
import org.barebones.store.app.testing.Ledger.Outcome;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.RunsAlone;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.Shop.Cart;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * Proof: the packaged server, killed with SIGKILL in the middle of a checkout load in which buyers
 * also cancel half of their orders at once, leaves books that balance (no half-written order, no
 * stock taken without an order, no order without its cart, no canceled part without its stock back
 * or without its one order.canceled event), loses no checkout or cancellation it answered 200, and,
 * restarted on the same database, serves at once: every cart whose checkout was cut off can be
 * checked out (or is refused for stock) without waiting on a lock, every product can be changed,
 * and a new purchase goes through. On the embedded H2 file database and on PostgreSQL. The same
 * crash against a store without units of work must be caught.
 */
@RunsAlone
class CrashIT {

  private static final Path WORK = Path.of("target", "integrity", "crash");

  /** The kill comes once this many checkouts were answered 200 (or after 20 s of load). */
  private static final int KILL_AFTER_ORDERS = 80;

  private static final long SEED = Long.getLong("store.crash.seed", System.nanoTime());
  private static final Map<String, String> SETTINGS =
      Map.of(
          "passwordHashIterations",
          "1000",
          "jwt.secret",
          Node.SECRET,
          "logging.level",
          "INFO",
          // 32 buyers open their carts from 127.0.0.1.
          "cartCreationLimit.maxPerAddress",
          "0");

  @Test
  void h2File_killedMidLoad_keepsItsBooks_andServesAfterRestart() throws Exception {
    Path dir = WORK.resolve("h2-" + System.nanoTime()).toAbsolutePath();
    provesCrashSafety("CrashIT H2 file", Db.h2File(dir), dir);
  }

  @Test
  void postgres_killedMidLoad_keepsItsBooks_andServesAfterRestart() throws Exception {
    Path dir = WORK.resolve("pg-" + System.nanoTime()).toAbsolutePath();
    provesCrashSafety("CrashIT PostgreSQL", Db.postgres("crash"), dir);
  }

  @Test
  void control_theSameCrash_catchesAStoreWithoutUnitsOfWork() throws Exception {
    Report caught = null;
    for (int attempt = 1; attempt <= 3 && caught == null; attempt++) {
      Path dir = WORK.resolve("control-" + System.nanoTime()).toAbsolutePath();
      Db db = Db.postgres("crash_control");
      try (ChildServer child =
          ChildServer.start(
              db, dir, "control", NoUnitOfWorkApplication.class.getName(), SETTINGS)) {
        Crash crash = loadAndKill(child, db);
        if (!crash.report().holds()) {
          caught = crash.report();
        }
      }
    }
    assertThat(caught).as("the crash never caught a store without units of work").isNotNull();
    Figures.record(
        "CrashIT control",
        "store without units of work caught: "
            + caught.figures()
            + "; first: "
            + caught.violations().get(0));
  }

  private record Crash(
      CheckoutLoad load, Result result, Report report, long boughtAtKill, long canceledAtKill) {}

  private static Settings settings() {
    // Stock to spare: only the crash can upset the books here, never a shortage.
    return new Settings(32, 6, 100_000, 10_000, 3, 3, SEED, Duration.ofSeconds(60));
  }

  /** Runs the load on {@code child}, kills it once enough orders were taken, checks the books. */
  private static Crash loadAndKill(ChildServer child, Db db) throws Exception {
    Shop shop = new Shop(new StoreClient(child.port(), Duration.ofSeconds(10)));
    CheckoutLoad load = new CheckoutLoad(List.of(shop), settings()).stock().cancelling(0.5);
    AtomicBoolean killed = new AtomicBoolean();
    CompletableFuture<Result> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return load.continuous(killed::get);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (load.ledger().count(Outcome.BOUGHT) < KILL_AFTER_ORDERS
        && System.nanoTime() < deadline
        && !running.isDone()) {
      // Polls a count the load threads raise: the kill must come soon after it is reached.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    long boughtAtKill = load.ledger().count(Outcome.BOUGHT);
    long canceledAtKill = load.ledger().canceled().size();
    child.kill();
    killed.set(true);
    Result result = running.get(90, TimeUnit.SECONDS);
    assertThat(boughtAtKill).as("checkouts before the kill: %s", result.samples()).isPositive();
    try (Connection connection = db.connect()) {
      return new Crash(
          load,
          result,
          Accounting.check(connection, load.startStock(), load.ledger()),
          boughtAtKill,
          canceledAtKill);
    }
  }

  private static void provesCrashSafety(String proof, Db db, Path dir) throws Exception {
    System.out.println(
        "[" + proof + "] seed " + SEED + " (replay with -Dstore.crash.seed=" + SEED + ")");
    Crash crash;
    String logs;
    try (ChildServer child = ChildServer.start(db, dir, "before-kill", null, SETTINGS)) {
      crash = loadAndKill(child, db);
      logs = child.output();
    }
    assertThat(crash.result().unexpected())
        .as("answers other than 200 and 409 before the kill: %s", crash.result().samples())
        .isZero();
    assertThat(crash.report().violations())
        .as("the books right after SIGKILL: %s", crash.report())
        .isEmpty();
    assertThat(crash.canceledAtKill())
        .as("cancellations answered 200 before the kill")
        .isPositive();
    long unknownAtKill = crash.report().unknown();
    try (Connection connection = db.connect()) {
      assertThat(Hooks.placedOrdersInOutbox(connection))
          .as("every order answered 200 before the kill has its order.placed event")
          .containsAll(
              crash.load().ledger().entries().values().stream()
                  .filter(e -> e.outcome() == Outcome.BOUGHT)
                  .map(e -> e.orderId())
                  .toList());
    }

    long restartStart = System.nanoTime();
    try (ChildServer child = ChildServer.start(db, dir, "after-restart", null, SETTINGS)) {
      long restartMillis = (System.nanoTime() - restartStart) / 1_000_000;
      StoreClient client = new StoreClient(child.port(), Duration.ofSeconds(10));
      Shop shop = new Shop(client);
      Ledger ledger = crash.load().ledger();
      List<String> stuck = new ArrayList<>();

      // Every cart cut off mid-checkout can be checked out now: no lock survived the crash.
      long slowest = 0;
      for (Cart cart : crash.load().cartsCutOff()) {
        Reply reply;
        try {
          reply = shop.checkout(cart);
        } catch (UncheckedIOException e) {
          stuck.add("cart " + cart.id() + ": no answer: " + e.getMessage());
          continue;
        }
        slowest = Math.max(slowest, reply.nanos() / 1_000_000);
        Map<Long, Integer> lines = ledger.entries().get(cart.id()).lines();
        if (reply.status() == 200) {
          ledger.bought(cart.id(), lines, reply.json().path("order").path("id").asLong());
        } else if (reply.status() == 409
            && CheckoutLoad.INSUFFICIENT_STOCK.equals(reply.problemType())) {
          ledger.short_(cart.id(), lines);
        } else {
          stuck.add("cart " + cart.id() + ": " + reply);
        }
      }
      // Every order whose cancellation was cut off can be canceled now (or it was, and the repeat
      // answers it as it is).
      for (Map.Entry<Long, Cart> cut : crash.load().cancelsCutOff().entrySet()) {
        Reply reply;
        try {
          reply = shop.cancel(cut.getKey(), cut.getValue());
        } catch (UncheckedIOException e) {
          stuck.add("order " + cut.getKey() + ": no answer: " + e.getMessage());
          continue;
        }
        slowest = Math.max(slowest, reply.nanos() / 1_000_000);
        if (reply.status() == 200 && "canceled".equals(reply.json().path("status").asText())) {
          ledger.canceled(cut.getKey());
        } else {
          stuck.add("order " + cut.getKey() + ": " + reply);
        }
      }
      // Every product can be changed: no row lock survived either.
      for (long product : crash.load().startStock().keySet()) {
        Reply reply =
            client.put(
                "/api/products/" + product,
                Map.of("title", "After the crash " + product),
                crash.load().seller().token());
        if (reply.status() != 200) {
          stuck.add("product " + product + ": " + reply);
        }
        slowest = Math.max(slowest, reply.nanos() / 1_000_000);
      }
      // And the restarted server serves a whole purchase.
      Shop.expect(
          200,
          client.post(
              "/api/producer/login",
              Map.of("username", crash.load().seller().username(), "password", Shop.PASSWORD),
              null));
      long product = crash.load().startStock().keySet().iterator().next();
      Cart cart = shop.newCart();
      Shop.expect(200, shop.putLine(cart, product, 1));
      Reply bought = Shop.expect(200, shop.checkout(cart));
      ledger.bought(cart.id(), Map.of(product, 1), bought.json().path("order").path("id").asLong());
      Shop.expect(200, shop.order(bought.json().path("order").path("id").asLong(), cart));

      assertThat(stuck).as("carts or products stuck after the restart").isEmpty();
      child.stop();
      logs += child.output();

      Report after;
      try (Connection connection = db.connect()) {
        after = Accounting.check(connection, crash.load().startStock(), ledger);
      }
      Figures.record(
          proof,
          String.format(
              "killed (SIGKILL) after %d checkouts and %d cancellations answered 200, %d checkouts"
                  + " and %d cancellations in flight; restarted in %d ms; %d cut-off carts and %d"
                  + " cut-off cancellations settled (slowest answer %d ms); books after restart: %s",
              crash.boughtAtKill(),
              crash.canceledAtKill(),
              unknownAtKill,
              crash.load().cancelsCutOff().size(),
              restartMillis,
              crash.load().cartsCutOff().size(),
              crash.load().cancelsCutOff().size(),
              slowest,
              after.figures()));
      assertThat(after.violations()).as(after.toString()).isEmpty();
      assertThat(after.unknown()).as("checkouts left undecided").isZero();
      assertThat(after.unitsRestocked()).as("units given back by the cancellations").isPositive();
    }
    assertThat(logs)
        .as("the server's console")
        .doesNotContain(Node.SECRET)
        .doesNotContain(Shop.PASSWORD);
  }
}

package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.barebones.store.app.testing.Await;
import org.barebones.store.app.testing.ChildServer;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.LoopbackReceiver;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Overrides;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.Shop.Cart;
import org.barebones.store.app.testing.Shop.Producer;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.barebones.store.persistence.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proof: the packaged server, killed with SIGKILL during a checkout load while webhook deliveries
 * are in flight (the receiver is slow, so some are claimed and unanswered at the kill), then
 * restarted on the same database, delivers every event in the outbox at least once, among them an
 * order.placed for every checkout it had answered 200; and every such order's event was in the
 * outbox right after the kill. On the embedded H2 file database and on PostgreSQL.
 */
class WebhookCrashIT {
  private static final Path WORK = Path.of("target", "integrity", "webhook-crash");
  private static final int KILL_AFTER_ORDERS = 60;

  /** On the embedded H2 file database, and on PostgreSQL. */
  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void killedWithDeliveriesInFlight_deliversEveryEventAfterRestart(TestDatabases.Kind kind)
      throws Exception {
    Path dir = WORK.resolve(kind + "-" + System.nanoTime()).toAbsolutePath();
    proves("WebhookCrashIT " + kind, Db.durable(kind, dir, "webhook_crash"), dir);
  }

  private static Overrides settings() {
    return Overrides.none()
        .set("passwordHashIterations", "1000")
        .set("jwt.secret", Node.SECRET)
        .set("logging.level", "INFO")
        .set("cartCreationLimit.maxPerAddress", "0") // the load opens many carts from one address
        .setAll(Hooks.fastRetries());
  }

  private static void proves(String proof, Db db, Path dir) throws Exception {
    AtomicBoolean slow = new AtomicBoolean(true);
    AtomicInteger inHandler = new AtomicInteger();
    try (LoopbackReceiver receiver =
        LoopbackReceiver.open()
            .answer(
                n -> {
                  if (slow.get()) {
                    inHandler.incrementAndGet();
                    // The pause is the point: deliveries stay in flight long enough to be cut.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(150));
                    inHandler.decrementAndGet();
                  }
                  return 200;
                })) {
      Path config = Hooks.configFile(dir, receiver.url("/hooks"));
      Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
      long claimedAtKill;
      Set<Long> placedAtKill;
      int receivedBeforeKill;
      StringBuilder consoles = new StringBuilder();
      try (ChildServer child =
          ChildServer.start(db, dir, "before-kill", null, settings(), config)) {
        loadAndKill(child, acknowledged, () -> inHandler.get() > 0);
        receivedBeforeKill = receiver.requests().size();
        consoles.append(child.output());
      }
      // Read while no server runs: the H2 file admits one process at a time. No event is
      // recorded after this: the restarted server only delivers.
      Set<String> recorded;
      try (Connection connection = db.connect()) {
        claimedAtKill = Hooks.claimedUnsettled(connection);
        placedAtKill = Hooks.placedOrdersInOutbox(connection);
        recorded = Hooks.eventIdsInOutbox(connection);
      }
      assertThat(acknowledged).as("checkouts answered 200 before the kill").isNotEmpty();
      assertThat(claimedAtKill).as("deliveries in flight at the kill").isPositive();
      assertThat(placedAtKill)
          .as("every order answered 200 has its order.placed in the outbox")
          .containsAll(acknowledged);

      slow.set(false);
      Hooks.Tally tally;
      try (ChildServer child =
          ChildServer.start(db, dir, "after-restart", null, settings(), config)) {
        tally =
            Await.until(
                "every one of the " + recorded.size() + " recorded events delivered",
                Duration.ofSeconds(180),
                () -> Hooks.tally(receiver.requests()),
                t -> t.deliveredById().keySet().containsAll(recorded));
        child.stop();
        consoles.append(child.output());
      }
      String figures =
          String.format(
              "killed after %d checkouts answered 200, %d deliveries received, %d claimed and"
                  + " unsettled at the kill; after restart every one of %d recorded events"
                  + " delivered: %s",
              acknowledged.size(),
              receivedBeforeKill,
              claimedAtKill,
              recorded.size(),
              tally.figures());
      System.out.println("[" + proof + "] " + figures);
      Figures.record(proof, figures);
      assertThat(tally.badSignatures()).isZero();
      assertThat(tally.placedOrders()).containsAll(acknowledged);
      assertThat(tally.deliveredById().keySet()).containsAll(recorded);
      // Neither the secret nor any signature sent appears on the servers' consoles (INFO logs,
      // with every retry and the restart's recovered deliveries).
      String logs = consoles.toString();
      assertThat(logs).doesNotContain(Hooks.SECRET).doesNotContain(Hooks.SECRET.substring(6));
      for (var request : receiver.requests()) {
        String signature = request.header("webhook-signature");
        assertThat(logs).doesNotContain(signature).doesNotContain(signature.substring(3));
      }
    }
  }

  /** Checkouts from 8 buyers until enough were answered 200, then SIGKILL. */
  private static void loadAndKill(
      ChildServer child, Set<Long> acknowledged, BooleanSupplier deliveryInFlight)
      throws Exception {
    Shop setup = Shop.at(child.port());
    Producer seller = setup.newProducer("crash");
    int buyers = 8;
    List<Long> products = new ArrayList<>();
    for (int i = 0; i < buyers; i++) {
      products.add(setup.newProduct(seller, "Thing " + i, "3.00", 1_000_000));
    }
    AtomicBoolean killed = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(buyers);
    List<Future<?>> running = new ArrayList<>();
    for (long product : products) {
      running.add(pool.submit(() -> buyUntilKilled(child, product, killed, acknowledged)));
    }
    Await.until(
        KILL_AFTER_ORDERS + " checkouts answered 200, with a delivery in flight",
        Duration.ofSeconds(120),
        () -> acknowledged.size() >= KILL_AFTER_ORDERS && deliveryInFlight.getAsBoolean());
    Set<Long> before = new HashSet<>(acknowledged);
    child.kill();
    killed.set(true);
    for (Future<?> f : running) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdownNow();
    assertThat(acknowledged).containsAll(before);
  }

  /** One buyer: checks out one unit after another until the server is gone; notes each order. */
  private static Void buyUntilKilled(
      ChildServer child, long product, AtomicBoolean killed, Set<Long> acknowledged) {
    Shop shop = Shop.at(child.port());
    while (!killed.get()) {
      try {
        Cart cart = shop.newCart();
        shop.putLine(cart, product, 1);
        Reply reply = shop.checkout(cart);
        if (reply.status() == 200) {
          acknowledged.add(reply.json().path("order").path("id").asLong());
        }
      } catch (UncheckedIOException e) {
        return null; // the server is gone
      }
    }
    return null;
  }
}

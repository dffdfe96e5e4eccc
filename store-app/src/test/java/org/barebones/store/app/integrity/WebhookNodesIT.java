package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.barebones.store.app.StoreApplication;
import org.barebones.store.app.testing.Await;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.LoopbackReceiver;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Overrides;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.Shop.Cart;
import org.barebones.store.app.testing.Shop.Producer;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * Proof: two servers over one PostgreSQL, configured with the same endpoint, share its deliveries:
 * a burst of checkouts through both reaches the receiver with every event at least once, each
 * delivery settled by exactly one node, and the duplicate rate is reported (near 0 without crashes,
 * as a claim holds a delivery for its lease).
 */
class WebhookNodesIT {
  private static final Path WORK = Path.of("target", "integrity", "webhook-nodes");
  private static final int CHECKOUTS = 400;

  private static long counter(Node node, String name) {
    return Shop.expect(200, node.admin().get("/metrics"))
        .json()
        .path("counters")
        .path(name)
        .path("count")
        .asLong(-1);
  }

  @Test
  void twoNodesOverOnePostgres_deliverEachEventAtLeastOnce() throws Exception {
    Db db = Db.postgres("webhook_nodes");
    try (LoopbackReceiver receiver = LoopbackReceiver.open()) {
      String config = Hooks.configFile(WORK, receiver.url("/hooks")).toString();
      Overrides overrides = Overrides.defaults(db).setAll(Hooks.fastRetries());
      try (Node first = Node.start(StoreApplication.class, config, overrides.copy());
          Node second = Node.start(StoreApplication.class, config, overrides.copy())) {
        List<Shop> shops = List.of(first.shop(), second.shop());
        Producer seller = shops.get(0).newProducer("nodes");
        long product = shops.get(0).newProduct(seller, "Burst", "1.00", 1_000_000);
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
          List<Future<?>> burst = new ArrayList<>();
          for (int i = 0; i < CHECKOUTS; i++) {
            Shop shop = shops.get(i % 2);
            burst.add(
                pool.submit(
                    () -> {
                      Cart cart = shop.newCart();
                      Shop.expect(200, shop.putLine(cart, product, 1));
                      Reply reply = Shop.expect(200, shop.checkout(cart));
                      acknowledged.add(reply.json().path("order").path("id").asLong());
                      return null;
                    }));
          }
          for (Future<?> f : burst) {
            f.get(120, TimeUnit.SECONDS);
          }
        } finally {
          pool.shutdownNow();
        }
        assertThat(acknowledged).hasSize(CHECKOUTS);

        Set<String> recorded;
        try (Connection connection = db.connect()) {
          recorded = Hooks.eventIdsInOutbox(connection);
        }
        assertThat(recorded).as("one order.placed per checkout").hasSize(CHECKOUTS);
        Hooks.Tally tally =
            Await.until(
                "every event delivered",
                Duration.ofSeconds(120),
                () -> Hooks.tally(receiver.requests()),
                t -> t.deliveredById().keySet().containsAll(recorded));
        String succeeded = "store.webhooks.deliveries.succeeded";
        Await.until(
            "each delivery settled by one node",
            Duration.ofSeconds(60),
            () -> counter(first, succeeded) + counter(second, succeeded) == CHECKOUTS);
        long byFirst = counter(first, succeeded);
        long bySecond = counter(second, succeeded);
        String figures =
            String.format(
                "%d checkouts through two nodes; deliveries settled by node 1: %d, node 2: %d; %s",
                CHECKOUTS, byFirst, bySecond, tally.figures());
        System.out.println("[WebhookNodesIT] " + figures);
        Figures.record("WebhookNodesIT two nodes", figures);
        assertThat(tally.badSignatures()).isZero();
        assertThat(tally.placedOrders()).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(byFirst + bySecond).isEqualTo(CHECKOUTS);
      }
    }
  }
}

package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.barebones.store.app.StoreApplication;
import org.barebones.store.app.testing.Await;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.LoopbackReceiver;
import org.barebones.store.app.testing.LoopbackReceiver.Request;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Overrides;
import org.barebones.store.app.testing.RunsAlone;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.Shop.Cart;
import org.barebones.store.app.testing.Shop.Producer;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.barebones.store.http.webhook.WebhookSignature;
import org.junit.jupiter.api.Test;

/**
 * Proofs of webhook delivery by an in-process server on H2, to a loopback receiver: every delivery
 * is signed (and a tampered one fails its check); a receiver that is down during a checkout load
 * gets every event once it recovers, while the checkouts go on at their usual pace; an endpoint
 * that never answers 2xx ends with its deliveries failed, seen in the metrics, the health check and
 * the admin task, and re-queued deliveries arrive once it recovers.
 */
@RunsAlone
class WebhooksIT {
  private static final Path WORK = Path.of("target", "integrity", "webhooks");
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static Node start(String name, Overrides more, LoopbackReceiver... receivers) {
    Overrides overrides =
        Overrides.defaults(Db.h2InMemory("webhooks_" + name + "_" + System.nanoTime()))
            .setAll(Hooks.fastRetries())
            .setAll(more);
    if (receivers.length == 0) {
      return Node.start(StoreApplication.class, null, overrides);
    }
    String[] urls = new String[receivers.length];
    for (int i = 0; i < receivers.length; i++) {
      urls[i] = receivers[i].url("/hooks/" + i);
    }
    return Node.start(StoreApplication.class, Hooks.configFile(WORK, urls).toString(), overrides);
  }

  private static long checkout(Shop shop, long... productQuantityPairs) {
    Cart cart = shop.newCart();
    for (int i = 0; i < productQuantityPairs.length; i += 2) {
      Shop.expect(
          200, shop.putLine(cart, productQuantityPairs[i], (int) productQuantityPairs[i + 1]));
    }
    return Shop.expect(200, shop.checkout(cart)).json().path("order").path("id").asLong();
  }

  private static JsonNode metrics(Node node) {
    return Shop.expect(200, node.admin().get("/metrics")).json();
  }

  private static long gauge(Node node, String name) {
    return metrics(node).path("gauges").path(name).path("value").asLong(-1);
  }

  private static long counter(Node node, String name) {
    return metrics(node).path("counters").path(name).path("count").asLong(-1);
  }

  @Test
  void everyDeliveryIsSigned_andATamperedBodyOrTimestampFailsItsCheck() {
    try (LoopbackReceiver receiver = LoopbackReceiver.open();
        Node node = start("signed", Overrides.none(), receiver)) {
      Shop shop = node.shop();
      Producer seller = shop.newProducer("hooks");
      long lamp = shop.newProduct(seller, "Lamp", "19.99", 2);
      long pen = shop.newProduct(seller, "Pen", "1.00", 100);
      Cart first = shop.newCart();
      Shop.expect(200, shop.putLine(first, lamp, 1));
      Shop.expect(200, shop.putLine(first, pen, 1));
      JsonNode firstOrder = Shop.expect(200, shop.checkout(first)).json().path("order");
      checkout(shop, lamp, 1); // sells the lamp out
      checkout(shop, pen, 2);
      long firstOrderId = firstOrder.path("id").asLong();
      JsonNode shipped =
          Shop.expect(
                  200,
                  shop.client()
                      .post(
                          "/api/orders/" + firstOrderId + "/shipment",
                          Map.of("tracking", "TRACK-1"),
                          seller.token()))
              .json();
      Shop.expect(
          200,
          shop.client()
              .post("/api/orders/" + firstOrderId + "/shipment", Map.of(), seller.token()));

      // Three order.placed, one product.out_of_stock, one order.shipped (the repeat: none).
      List<Request> got = receiver.awaitRequests(5, WAIT);
      Hooks.Tally tally = Hooks.tally(got);
      Figures.record("WebhooksIT signatures", tally.figures());

      assertThat(got).hasSize(5);
      assertThat(tally.badSignatures()).as("deliveries failing the signature check").isZero();
      assertThat(tally.deliveredById()).hasSize(5).allSatisfy((id, n) -> assertThat(n).isOne());
      assertThat(tally.typeById().values())
          .containsExactlyInAnyOrder(
              "order.placed",
              "order.placed",
              "order.placed",
              "product.out_of_stock",
              "order.shipped");
      JsonNode shipment =
          tally.dataById().entrySet().stream()
              .filter(e -> tally.typeById().get(e.getKey()).equals("order.shipped"))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElseThrow();
      assertThat(shipment.path("order_id").asLong()).isEqualTo(firstOrderId);
      assertThat(shipment.path("producer_id").asLong()).isEqualTo(seller.id());
      assertThat(shipment.path("tracking").asText()).isEqualTo("TRACK-1");
      assertThat(shipment.path("shipped_at").asText())
          .isEqualTo(shipped.path("shipped_at").asText());
      assertThat(shipment.path("order_status").asText()).isEqualTo("shipped");
      String firstId =
          tally.dataById().entrySet().stream()
              .filter(e -> e.getValue().path("id").asLong() == firstOrder.path("id").asLong())
              .filter(e -> tally.typeById().get(e.getKey()).equals("order.placed"))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow();
      assertThat(tally.dataById().get(firstId))
          .as("order.placed data is the buyer's Order as placed, though shipped since")
          .isEqualTo(firstOrder);
      assertThat(firstOrder.path("status").asText()).isEqualTo("placed");
      JsonNode soldOut =
          tally.dataById().entrySet().stream()
              .filter(e -> tally.typeById().get(e.getKey()).equals("product.out_of_stock"))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElseThrow();
      assertThat(soldOut.path("id").asLong()).isEqualTo(lamp);
      assertThat(soldOut.path("inventory_count").asInt()).isZero();

      for (Request r : got) {
        String id = r.header("webhook-id");
        String ts = r.header("webhook-timestamp");
        String sig = r.header("webhook-signature");
        byte[] tampered =
            r.bodyText().replaceFirst("\"id\"", "\"iD\"").getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        Duration tolerance = WebhookSignature.DEFAULT_TOLERANCE;
        assertThat(WebhookSignature.verify(Hooks.SECRET, id, ts, sig, r.body(), now, tolerance))
            .isTrue();
        assertThat(WebhookSignature.verify(Hooks.SECRET, id, ts, sig, tampered, now, tolerance))
            .as("tampered body")
            .isFalse();
        String laterTs = Long.toString(Long.parseLong(ts) + 1);
        assertThat(
                WebhookSignature.verify(Hooks.SECRET, id, laterTs, sig, r.body(), now, tolerance))
            .as("tampered timestamp")
            .isFalse();
      }
      Await.until(
          "5 successes counted",
          WAIT,
          () -> counter(node, "store.webhooks.deliveries.succeeded") == 5);
    }
  }

  @Test
  void aCancellation_isDeliveredAsOrderCanceled_andItsRestockAsProductBackInStock() {
    try (LoopbackReceiver receiver = LoopbackReceiver.open();
        Node node = start("canceled", Overrides.none(), receiver)) {
      Shop shop = node.shop();
      Producer seller = shop.newProducer("hooks");
      long lamp = shop.newProduct(seller, "Lamp", "19.99", 1);
      Cart cart = shop.newCart();
      Shop.expect(200, shop.putLine(cart, lamp, 1));
      long orderId = Shop.expect(200, shop.checkout(cart)).json().path("order").path("id").asLong();
      JsonNode canceled =
          Shop.expect(
                  200,
                  shop.client()
                      .post(
                          "/api/orders/" + orderId + "/cancellation",
                          Map.of("reason", "Wrong colour"),
                          cart.token()))
              .json();
      Shop.expect(200, shop.cancel(orderId, cart)); // a repeat: no event

      // order.placed, product.out_of_stock, order.canceled, product.back_in_stock.
      List<Request> got = receiver.awaitRequests(4, WAIT);
      Hooks.Tally tally = Hooks.tally(got);
      Figures.record("WebhooksIT cancellation", tally.figures());
      assertThat(tally.badSignatures()).isZero();
      assertThat(tally.typeById().values())
          .containsExactlyInAnyOrder(
              "order.placed", "product.out_of_stock", "order.canceled", "product.back_in_stock");
      JsonNode cancellation = dataOf(tally, "order.canceled");
      assertThat(cancellation.path("order_id").asLong()).isEqualTo(orderId);
      assertThat(cancellation.path("producer_id").asLong()).isEqualTo(seller.id());
      assertThat(cancellation.path("canceled_by").asText()).isEqualTo("buyer");
      assertThat(cancellation.path("reason").asText()).isEqualTo("Wrong colour");
      assertThat(cancellation.path("canceled_at").asText())
          .isEqualTo(canceled.path("lines").get(0).path("canceled_at").asText());
      assertThat(cancellation.path("order_status").asText()).isEqualTo("canceled");
      assertThat(cancellation.path("lines").toString())
          .isEqualTo("[{\"product_id\":" + lamp + ",\"quantity\":1}]");
      JsonNode back = dataOf(tally, "product.back_in_stock");
      assertThat(back.path("id").asLong()).isEqualTo(lamp);
      assertThat(back.path("inventory_count").asInt()).isEqualTo(1);
      Await.until(
          "4 successes counted",
          WAIT,
          () -> counter(node, "store.webhooks.deliveries.succeeded") == 4);
      Await.until(
          "nothing pending", WAIT, () -> gauge(node, "store.webhooks.deliveries.pending") == 0);
      assertThat(receiver.requests()).as("the repeated cancellation records nothing").hasSize(4);
    }
  }

  private static JsonNode dataOf(Hooks.Tally tally, String type) {
    return tally.dataById().entrySet().stream()
        .filter(e -> tally.typeById().get(e.getKey()).equals(type))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anEndpointThatNeverAnswers2xx_endsFailed_visibleInMetricsAndTheTask_andRequeuedArrives() {
    AtomicBoolean broken = new AtomicBoolean(true);
    try (LoopbackReceiver receiver = LoopbackReceiver.open().answer(n -> broken.get() ? 500 : 200);
        Node node =
            start(
                "failed",
                Overrides.none()
                    .set("webhooks.retryHorizon", "3s")
                    .set("webhooks.maxPendingAge", "1s"),
                receiver)) {
      Shop shop = node.shop();
      Producer seller = shop.newProducer("hooks");
      long pen = shop.newProduct(seller, "Pen", "1.00", 100);
      long firstOrder = checkout(shop, pen, 1);
      long secondOrder = checkout(shop, pen, 1);

      // While they wait past maxPendingAge, the health check says so.
      Reply unhealthy =
          Await.until(
              "an unhealthy webhooks check",
              WAIT,
              () -> node.admin().get("/healthcheck"),
              r -> !r.json().path("webhooks").path("healthy").asBoolean(true));
      assertThat(unhealthy.json().path("webhooks").path("message").asText())
          .contains("2 deliveries pending");

      Await.until(
          "2 failed deliveries in the metrics",
          WAIT,
          () -> gauge(node, "store.webhooks.deliveries.failed") == 2);
      assertThat(gauge(node, "store.webhooks.deliveries.pending")).isZero();
      assertThat(counter(node, "store.webhooks.deliveries.marked-failed")).isEqualTo(2);
      assertThat(counter(node, "store.webhooks.deliveries.retried")).isPositive();
      assertThat(counter(node, "store.webhooks.deliveries.succeeded")).isZero();
      int attemptsWhileBroken = receiver.requests().size();
      assertThat(attemptsWhileBroken).isGreaterThan(2);
      Hooks.Tally broke = Hooks.tally(receiver.requests());
      assertThat(broke.badSignatures()).isZero();
      assertThat(broke.deliveredById()).isEmpty();

      String listed = Shop.expect(200, node.admin().post("/tasks/webhooks", null, null)).body();
      assertThat(listed).startsWith("failed deliveries: 2\n").doesNotContain("requeued");
      for (String id : broke.typeById().keySet()) {
        assertThat(listed)
            .contains(id + "\torder.placed")
            .contains("last_error=DeliveryFailedException: HTTP 500");
      }
      Await.until(
          "a healthy webhooks check once nothing is pending",
          WAIT,
          () ->
              node.admin().get("/healthcheck").json().path("webhooks").path("healthy").asBoolean());

      broken.set(false);
      String requeued =
          Shop.expect(200, node.admin().post("/tasks/webhooks?requeue=true", null, null)).body();
      assertThat(requeued).contains("requeued: 2");

      Await.until(
          "both re-queued deliveries answered 200",
          WAIT,
          () -> Hooks.tally(receiver.requests()).deliveredById().size() == 2);
      Hooks.Tally after = Hooks.tally(receiver.requests());
      assertThat(after.placedOrders()).containsExactlyInAnyOrder(firstOrder, secondOrder);
      assertThat(after.duplicates()).isZero();
      Await.until(
          "no failed delivery left",
          WAIT,
          () -> gauge(node, "store.webhooks.deliveries.failed") == 0);
      assertThat(Shop.expect(200, node.admin().post("/tasks/webhooks", null, null)).body())
          .startsWith("failed deliveries: 0");
      Figures.record(
          "WebhooksIT failed state",
          attemptsWhileBroken
              + " attempts answered 500 within the 3 s horizon, 2 deliveries failed, re-queued, "
              + after.delivered()
              + " delivered");
    }
  }

  /** Outcome of a timed checkout load: orders acknowledged, and checkouts per second. */
  private record Load(Set<Long> orders, int failures, double perSecond) {}

  private static Load checkoutLoad(Node node, Duration length, int threads) throws Exception {
    Shop setup = node.shop();
    Producer seller = setup.newProducer("load");
    List<Long> products = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      products.add(setup.newProduct(seller, "Thing " + i, "2.50", 1_000_000));
    }
    Set<Long> orders = ConcurrentHashMap.newKeySet();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    long deadline = start + length.toNanos();
    try {
      List<Future<?>> buyers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long product = products.get(t);
        buyers.add(
            pool.submit(
                () -> {
                  Shop shop = Shop.at(node.port());
                  while (System.nanoTime() < deadline) {
                    Cart cart = shop.newCart();
                    Shop.expect(200, shop.putLine(cart, product, 1));
                    Reply reply = shop.checkout(cart);
                    if (reply.status() == 200) {
                      orders.add(reply.json().path("order").path("id").asLong());
                    } else {
                      failures.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> buyer : buyers) {
        buyer.get(length.toSeconds() + 60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Load(orders, failures.get(), orders.size() / seconds);
  }

  @Test
  void aReceiverDownDuringCheckouts_getsEveryOrderOnceItRecovers_andCheckoutsKeepTheirPace()
      throws Exception {
    Duration length = Duration.ofSeconds(8);
    int threads = 4;
    AtomicBoolean answering500 = new AtomicBoolean(false);
    try (LoopbackReceiver receiver =
            LoopbackReceiver.open().answer(n -> answering500.get() ? 500 : 200);
        Node plain = start("plain", Overrides.none());
        Node node = start("outage", Overrides.none(), receiver)) {
      receiver.stop(); // refuses connections for the first half of the load
      // Both servers take the same load at the same time, so that the machine's noise (other
      // builds share its cores) weighs on both alike: one without webhooks, one whose receiver
      // is down. First a warm-up of both, to get the JIT going.
      measureSideBySide(plain, node, Duration.ofSeconds(2), threads);
      ScheduledExecutorService switcher = Executors.newSingleThreadScheduledExecutor();
      // Half way through the load the receiver comes back, answering 500 for the rest of it.
      switcher.schedule(
          () -> {
            answering500.set(true);
            receiver.start();
          },
          length.toMillis() / 2,
          TimeUnit.MILLISECONDS);
      List<Load> loads;
      try {
        loads = measureSideBySide(plain, node, length, threads);
      } finally {
        switcher.shutdown();
        switcher.awaitTermination(10, TimeUnit.SECONDS);
      }
      Load baseline = loads.get(0);
      Load during = loads.get(1);
      int failedAttempts = receiver.requests().size();
      answering500.set(false); // recovers

      Set<Long> placed = new HashSet<>(warmupOrders);
      placed.addAll(during.orders());
      Hooks.Tally tally =
          Await.until(
              "an order.placed for each of the " + placed.size() + " orders",
              Duration.ofSeconds(120),
              () -> Hooks.tally(receiver.requests()),
              t -> t.placedOrders().containsAll(placed));
      String figures =
          String.format(
              "side by side, checkouts/s without webhooks %.0f, with the receiver down (refusing,"
                  + " then 500) %.0f (%.0f %%); %d orders; %d attempts during the outage;"
                  + " after recovery: %s",
              baseline.perSecond(),
              during.perSecond(),
              100 * during.perSecond() / baseline.perSecond(),
              placed.size(),
              failedAttempts,
              tally.figures());
      System.out.println("[WebhooksIT receiver down] " + figures);
      Figures.record("WebhooksIT receiver down", figures);

      assertThat(baseline.failures()).isZero();
      assertThat(during.failures()).isZero();
      assertThat(tally.badSignatures()).isZero();
      assertThat(tally.placedOrders()).containsExactlyInAnyOrderElementsOf(placed);
      assertThat(failedAttempts).as("attempts the outage refused or answered 500").isPositive();
      // Generous: the figures above are the measurement; this bound only catches delivery work
      // on the request's path, which would tie checkouts to the dead receiver.
      assertThat(during.perSecond()).isGreaterThan(baseline.perSecond() * 0.5);
    }
  }

  /** The orders of the webhook node's warm-up, which its receiver must get too. */
  private final Set<Long> warmupOrders = ConcurrentHashMap.newKeySet();

  /** Runs the same load on both nodes at once; returns the plain node's, then the other's. */
  private List<Load> measureSideBySide(Node plain, Node hooked, Duration length, int threads)
      throws Exception {
    ExecutorService both = Executors.newFixedThreadPool(2);
    try {
      Future<Load> first = both.submit(() -> checkoutLoad(plain, length, threads));
      Future<Load> second = both.submit(() -> checkoutLoad(hooked, length, threads));
      Load a = first.get(length.toSeconds() + 120, TimeUnit.SECONDS);
      Load b = second.get(length.toSeconds() + 120, TimeUnit.SECONDS);
      if (warmupOrders.isEmpty()) {
        warmupOrders.addAll(b.orders());
      }
      return List.of(a, b);
    } finally {
      both.shutdownNow();
    }
  }
}

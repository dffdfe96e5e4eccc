package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.barebones.store.app.StoreApplication;
import org.barebones.store.app.testing.Await;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.LoopbackReceiver;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Overrides;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.Shop.Cart;
import org.barebones.store.app.testing.Shop.Producer;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, finding 6. An endpoint leaving the configuration, over three successive nodes on one
 * database: while its receiver fails, its deliveries wait and the {@code webhooks} check turns
 * unhealthy; a node without the endpoint abandons its deliveries (no longer pending, listed by the
 * admin task with the URL's query redacted); a node with the endpoint again re-queues and delivers
 * them. And the node's health ({@code /health-check}, with the health section of the multi-node
 * sample) stays 200 while that check fails, since it is not critical; 503 in the control where it
 * is.
 */
class WebhookHardeningIT {
  private static final Path WORK = Path.of("target", "integrity", "webhook-hardening");
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String QUERY_SECRET = "s3cret-query-token";

  private static Node start(Db db, String endpointUrl) {
    String config = endpointUrl == null ? null : Hooks.configFile(WORK, endpointUrl).toString();
    return Node.start(StoreApplication.class, config, overrides(db));
  }

  private static Overrides overrides(Db db) {
    return Overrides.defaults(db)
        .setAll(Hooks.fastRetries())
        .set("webhooks.maxPendingAge", "1s")
        .set("webhooks.housekeepingInterval", "1s");
  }

  /**
   * A node with the health checks of {@code config-postgres.yml}, but {@code webhooks} critical or
   * not as asked, each checked every 100 ms and turning after one failure: so that within a second
   * the node's health shows what a critical webhooks check would do.
   */
  private static Node startWithHealth(Db db, String endpointUrl, boolean webhooksCritical)
      throws Exception {
    StringBuilder yaml =
        new StringBuilder(
            java.nio.file.Files.readString(Hooks.configFile(WORK, endpointUrl))
                + "health:\n"
                + "  healthChecks:\n");
    for (String check : new String[] {"db", "deadlocks", "webhooks"}) {
      boolean critical = !check.equals("webhooks") || webhooksCritical;
      yaml.append("    - name: ")
          .append(check)
          .append("\n      critical: ")
          .append(critical)
          .append("\n      schedule:\n        initialDelay: 100ms\n        checkInterval: 100ms\n")
          .append("        downtimeInterval: 100ms\n        failureAttempts: 1\n")
          .append("        successAttempts: 1\n");
    }
    Path file = WORK.resolve("health-" + System.nanoTime() + ".yml");
    java.nio.file.Files.writeString(file, yaml);
    return Node.start(StoreApplication.class, file.toAbsolutePath().toString(), overrides(db));
  }

  @Test
  void aReceiverDownForLong_failsTheWebhooksCheck_butNotTheNodesHealth_unlessMadeCritical()
      throws Exception {
    try (LoopbackReceiver receiver = LoopbackReceiver.open().answer(n -> 500)) {
      for (boolean critical : new boolean[] {false, true}) {
        Db db = Db.h2InMemory("webhook_health_" + critical + "_" + System.nanoTime());
        try (Node node = startWithHealth(db, receiver.url("/hooks/health"), critical)) {
          Shop shop = node.shop();
          long pen = shop.newProduct(shop.newProducer("health"), "Pen", "1.00", 100);
          Cart cart = shop.newCart();
          Shop.expect(200, shop.putLine(cart, pen, 1));
          Shop.expect(200, shop.checkout(cart));
          Await.until("an unhealthy webhooks check", WAIT, () -> !webhooksHealthy(node));
          if (critical) {
            // The control: the same backlog with webhooks critical takes the node out.
            Await.until("a 503 from the node's health", WAIT, () -> nodeHealth(node) == 503);
          } else {
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) {
              assertThat(nodeHealth(node))
                  .as("the node's health while webhooks fail")
                  .isEqualTo(200);
              // Polls the node's health: 20 times over 2 s of checks every 100 ms.
              Thread.sleep(100);
            }
          }
        }
      }
    }
  }

  private static long gauge(Node node, String name) {
    JsonNode metrics = Shop.expect(200, node.admin().get("/metrics")).json();
    return metrics.path("gauges").path(name).path("value").asLong(-1);
  }

  private static int nodeHealth(Node node) {
    // Plain HTTP: /health-check is Dropwizard's, not an operation of the store's API document.
    try {
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + node.port() + "/health-check"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return answer.statusCode();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean webhooksHealthy(Node node) {
    return node.admin().get("/healthcheck").json().path("webhooks").path("healthy").asBoolean();
  }

  @Test
  void aRemovedEndpoint_hasItsDeliveriesAbandoned_listedRedacted_andBackWithIt() throws Exception {
    AtomicBoolean broken = new AtomicBoolean(true);
    Db db = Db.h2InMemory("webhook_hardening_" + System.nanoTime());
    try (LoopbackReceiver receiver =
        LoopbackReceiver.open().answer(n -> broken.get() ? 500 : 200)) {
      String url = receiver.url("/hooks/0") + "?token=" + QUERY_SECRET;

      try (Node first = start(db, url)) {
        Shop shop = first.shop();
        Producer seller = shop.newProducer("hardening");
        long pen = shop.newProduct(seller, "Pen", "1.00", 100);
        for (int i = 0; i < 2; i++) {
          Cart cart = shop.newCart();
          Shop.expect(200, shop.putLine(cart, pen, 1));
          Shop.expect(200, shop.checkout(cart));
        }
        Await.until("both deliveries attempted", WAIT, () -> receiver.requests().size() >= 2);
        Await.until("an unhealthy webhooks check", WAIT, () -> !webhooksHealthy(first));
        assertThat(Shop.expect(500, first.admin().get("/healthcheck")).status())
            .as("the admin port lists every check")
            .isEqualTo(500);
        assertThat(gauge(first, "store.webhooks.deliveries.pending")).isEqualTo(2);
      }

      try (Node without = start(db, null)) {
        Await.until(
            "2 abandoned deliveries",
            WAIT,
            () -> gauge(without, "store.webhooks.deliveries.abandoned") == 2);
        assertThat(gauge(without, "store.webhooks.deliveries.pending")).isZero();
        Await.until("a healthy webhooks check", WAIT, () -> webhooksHealthy(without));
        String listed =
            Shop.expect(200, without.admin().post("/tasks/webhooks", null, null)).body();
        assertThat(listed)
            .contains("failed deliveries: 0\n")
            .contains("abandoned deliveries: 2\n")
            .contains("\twebhook:" + receiver.url("/hooks/0") + "?[redacted]\t")
            .contains("\torder.placed\t")
            .contains("last_error=its target is no longer configured")
            .doesNotContain(QUERY_SECRET);
      }

      broken.set(false);
      int before = receiver.requests().size();
      try (Node back = start(db, url)) {
        Await.until(
            "both deliveries answered 200 once the endpoint is back",
            WAIT,
            () ->
                Hooks.tally(receiver.requests().subList(before, receiver.requests().size()))
                        .deliveredById()
                        .size()
                    == 2);
        Await.until(
            "nothing abandoned any more",
            WAIT,
            () -> gauge(back, "store.webhooks.deliveries.abandoned") == 0);
        Set<String> ids =
            Hooks.tally(receiver.requests().subList(before, receiver.requests().size()))
                .typeById()
                .keySet();
        assertThat(ids).hasSize(2);
        Figures.record(
            "WebhookHardeningIT",
            "2 deliveries pending, then abandoned by a node without their endpoint, then"
                + " delivered by a node with it");
      }
    }
  }
}

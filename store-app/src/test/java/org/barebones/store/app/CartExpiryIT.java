package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.barebones.store.app.testing.Await;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Overrides;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The idle-cart sweep as the server runs it, with a short idle lifetime: idle open carts, empty or
 * not, answer 404 once swept; a checked-out cart and its order stay; the metric counts the expired
 * carts. (Exactly which carts expire, and the races, are proved on H2 and PostgreSQL with a fixed
 * clock in store-persistence's CartExpiry suites.)
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CartExpiryIT {

  private static final DropwizardAppExtension<StoreConfiguration> APP =
      Node.extension(
          Overrides.defaults(Db.h2InMemory("cart_expiry"))
              .set("cartIdleLifetime", "2s")
              .set("cartIdleSweep.interval", "100ms"));

  @Test
  void idleOpenCarts_areSweptAndAnswer404_whileACheckedOutCartAndItsOrderStay() throws Exception {
    StoreClient api = new StoreClient(APP.getLocalPort());
    Reply producer =
        api.post(
            "/api/producer",
            Map.of("username", "expiry-seller", "password", "correct horse"),
            null);
    String producerToken = producer.json().get("auth_token").asText();
    long product =
        api.post(
                "/api/products",
                Map.of("title", "Tea", "price", new BigDecimal("2.00"), "inventory_count", 10),
                producerToken)
            .json()
            .get("id")
            .asLong();
    Reply empty = api.post("/api/shopping_cart", null, null);
    Reply withLine = api.post("/api/shopping_cart", null, null);
    Reply sold = api.post("/api/shopping_cart", null, null);
    put(api, withLine, product, 2);
    put(api, sold, product, 3);
    Reply order = api.post(path(sold) + "/checkout", null, token(sold));
    assertThat(order.status()).as(order.toString()).isEqualTo(200);

    Await.until(
        "the idle carts swept",
        Duration.ofSeconds(60),
        () ->
            api.get(path(withLine), token(withLine)).status() == 404
                && api.get(path(empty), token(empty)).status() == 404);

    Reply kept = api.get(path(sold), token(sold));
    assertThat(kept.status()).isEqualTo(200);
    assertThat(kept.json().get("status").asText()).isEqualTo("checked_out");
    long orderId = order.json().get("order").get("id").asLong();
    assertThat(api.get("/api/orders/" + orderId, token(sold)).status()).isEqualTo(200);
    assertThat(
            api.put(path(empty), Map.of("product_id", product, "quantity", 1), token(empty))
                .status())
        .isEqualTo(404);
    assertThat(APP.getEnvironment().metrics().meter(MetricsCartMetrics.EXPIRED).getCount())
        .isEqualTo(2);
    assertThat(api.get("/api/products/" + product).json().get("inventory_count").asInt())
        .isEqualTo(7);
  }

  private static void put(StoreClient api, Reply cart, long product, int quantity) {
    Reply reply =
        api.put(path(cart), Map.of("product_id", product, "quantity", quantity), token(cart));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
  }

  private static String path(Reply cart) {
    return "/api/shopping_cart/" + cart.json().get("shopping_cart").get("id").asLong();
  }

  private static String token(Reply cart) {
    return cart.json().get("auth_token").asText();
  }
}

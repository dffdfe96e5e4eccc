package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.barebones.store.app.Api.Reply;
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
      TestApps.app(
          TestApps.h2InMemory("cart_expiry"),
          ConfigOverride.config("cartIdleLifetime", "2s"),
          ConfigOverride.config("cartIdleSweep.interval", "100ms"));

  @Test
  void idleOpenCarts_areSweptAndAnswer404_whileACheckedOutCartAndItsOrderStay() throws Exception {
    Api api = new Api(APP.getLocalPort());
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

    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (api.get(path(withLine), token(withLine)).status() != 404
        || api.get(path(empty), token(empty)).status() != 404) {
      assertThat(Instant.now()).as("the idle carts were not swept in time").isBefore(deadline);
      Thread.sleep(50); // waiting for the sweeper's next run is the point
    }

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

  private static void put(Api api, Reply cart, long product, int quantity) {
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

package org.barebones.store.app.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.barebones.store.app.integrity.Client.Reply;

/**
 * Test support: the store's API as a buyer and a seller use it, over one {@link Client}; each step
 * that must succeed fails the test with the server's answer when it does not.
 */
final class Shop {

  static final String PASSWORD = "correct horse battery staple";

  private final Client client;

  Shop(Client client) {
    this.client = client;
  }

  Client client() {
    return client;
  }

  record Producer(long id, String username, String token) {}

  record Cart(long id, String token) {}

  static String uniqueUsername(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
  }

  Producer newProducer(String prefix) {
    String username = uniqueUsername(prefix);
    JsonNode body =
        expect(
                200,
                client.post(
                    "/api/producer", Map.of("username", username, "password", PASSWORD), null))
            .json();
    return new Producer(
        body.path("producer").path("id").asLong(), username, body.path("auth_token").asText());
  }

  long newProduct(Producer producer, String title, String price, int stock) {
    return expect(
            200,
            client.post(
                "/api/products",
                Map.of("title", title, "price", new BigDecimal(price), "inventory_count", stock),
                producer.token()))
        .json()
        .path("id")
        .asLong();
  }

  Cart newCart() {
    JsonNode body = expect(200, client.post("/api/shopping_cart", null, null)).json();
    return new Cart(
        body.path("shopping_cart").path("id").asLong(), body.path("auth_token").asText());
  }

  Reply putLine(Cart cart, long product, int quantity) {
    return client.put(
        "/api/shopping_cart/" + cart.id(),
        Map.of("product_id", product, "quantity", quantity),
        cart.token());
  }

  Reply checkout(Cart cart) {
    return client.post("/api/shopping_cart/" + cart.id() + "/checkout", null, cart.token());
  }

  Reply cart(Cart cart) {
    return client.get("/api/shopping_cart/" + cart.id(), cart.token());
  }

  Reply order(long orderId, Cart cart) {
    return client.get("/api/orders/" + orderId, cart.token());
  }

  static Reply expect(int status, Reply reply) {
    if (reply.status() != status) {
      throw new AssertionError("expected " + status + " but got " + reply);
    }
    return reply;
  }
}

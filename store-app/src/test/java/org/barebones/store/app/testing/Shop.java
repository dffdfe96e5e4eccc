package org.barebones.store.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.barebones.store.app.testing.StoreClient.Reply;

/**
 * Test support: the store's API as a buyer and a seller use it, over one {@link StoreClient}; each
 * step that must succeed fails the test with the server's answer when it does not.
 */
public final class Shop {

  public static final String PASSWORD = "correct horse battery staple";

  private final StoreClient client;

  public Shop(StoreClient client) {
    this.client = client;
  }

  /** A shop on the server at {@code port}, whose requests may take a loaded server's 10 s. */
  public static Shop at(int port) {
    return new Shop(new StoreClient(port, Duration.ofSeconds(10)));
  }

  public StoreClient client() {
    return client;
  }

  public record Producer(long id, String username, String token) {}

  public record Cart(long id, String token) {}

  public static String uniqueUsername(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
  }

  public Producer newProducer(String prefix) {
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

  public long newProduct(Producer producer, String title, String price, int stock) {
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

  /**
   * Lists {@code count} products titled {@code title + " " + i}, each with {@code stock} units, and
   * records each one's stock in {@code startStock} (for the books); returns their ids in order.
   */
  public List<Long> newProducts(
      Producer producer,
      String title,
      String price,
      int count,
      int stock,
      Map<Long, Integer> startStock) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long id = newProduct(producer, title + " " + i, price, stock);
      ids.add(id);
      startStock.put(id, stock);
    }
    return ids;
  }

  public Cart newCart() {
    return cartOf(expect(200, client.post("/api/shopping_cart", null, null)).json());
  }

  /** The cart (id and token) in the body of a {@code POST /api/shopping_cart} that answered 200. */
  public static Cart cartOf(JsonNode created) {
    return new Cart(
        created.path("shopping_cart").path("id").asLong(), created.path("auth_token").asText());
  }

  public Reply putLine(Cart cart, long product, int quantity) {
    return client.put(
        "/api/shopping_cart/" + cart.id(),
        Map.of("product_id", product, "quantity", quantity),
        cart.token());
  }

  public Reply checkout(Cart cart) {
    return client.post("/api/shopping_cart/" + cart.id() + "/checkout", null, cart.token());
  }

  public Reply cart(Cart cart) {
    return client.get("/api/shopping_cart/" + cart.id(), cart.token());
  }

  /** The buyer cancels (what is still pending of) an order its cart placed. */
  public Reply cancel(long orderId, Cart cart) {
    return client.post("/api/orders/" + orderId + "/cancellation", null, cart.token());
  }

  public Reply order(long orderId, Cart cart) {
    return client.get("/api/orders/" + orderId, cart.token());
  }

  public static Reply expect(int status, Reply reply) {
    if (reply.status() != status) {
      throw new AssertionError("expected " + status + " but got " + reply);
    }
    return reply;
  }
}

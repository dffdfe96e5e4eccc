package org.barebones.store.http.support;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of the store's API for tests: one {@link #send} over some transport, and helpers that
 * set up producers, products and carts through the API itself.
 */
public abstract class Api {
  private static final AtomicInteger NAMES = new AtomicInteger();

  public static final String JSON = "application/json";

  /** Sends one request; {@code body} may be null (no body), {@code contentType} too. */
  public abstract Reply send(
      String method,
      String pathAndQuery,
      Map<String, String> headers,
      byte[] body,
      String contentType);

  public record Session(long id, String token) {}

  public Reply get(String path) {
    return send("GET", path, Map.of(), null, null);
  }

  public Reply get(String path, String token) {
    return send("GET", path, auth(token), null, null);
  }

  public Reply post(String path, String token, String json) {
    return send("POST", path, auth(token), bytes(json), json == null ? null : JSON);
  }

  public Reply put(String path, String token, String json) {
    return send("PUT", path, auth(token), bytes(json), json == null ? null : JSON);
  }

  public Reply put(String path, String token, String json, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(auth(token));
    all.putAll(headers);
    return send("PUT", path, all, bytes(json), JSON);
  }

  public Reply delete(String path, String token) {
    return send("DELETE", path, auth(token), null, null);
  }

  public static Map<String, String> auth(String token) {
    return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
  }

  private static byte[] bytes(String json) {
    return json == null ? null : json.getBytes(UTF_8);
  }

  public static String uniqueName(String prefix) {
    return prefix + "-" + NAMES.incrementAndGet();
  }

  // Fixtures, made through the API.

  public Session registerProducer(String username, String password) {
    Reply reply =
        post(
            "/api/producer",
            null,
            "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode json = reply.json();
    return new Session(json.path("producer").path("id").asLong(), json.path("auth_token").asText());
  }

  public Session registerProducer() {
    return registerProducer(uniqueName("producer"), "correct horse battery");
  }

  public long createProduct(String token, String title, String price, int stock) {
    Reply reply =
        post(
            "/api/products",
            token,
            "{\"title\": \""
                + title
                + "\", \"price\": "
                + price
                + ", \"inventory_count\": "
                + stock
                + "}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json().path("id").asLong();
  }

  public JsonNode product(long id) {
    Reply reply = get("/api/products/" + id);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  public Session createCart() {
    Reply reply = post("/api/shopping_cart", null, null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode json = reply.json();
    return new Session(
        json.path("shopping_cart").path("id").asLong(), json.path("auth_token").asText());
  }

  public JsonNode cart(Session cart) {
    Reply reply = get("/api/shopping_cart/" + cart.id(), cart.token());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  public JsonNode setLine(Session cart, long productId, long quantity) {
    Reply reply =
        put(
            "/api/shopping_cart/" + cart.id(),
            cart.token(),
            "{\"product_id\": " + productId + ", \"quantity\": " + quantity + "}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  /** A new cart holding {@code quantity} units of each {@code product}, given in pairs. */
  public Session cartWith(long... productQuantityPairs) {
    Session cart = createCart();
    for (int i = 0; i < productQuantityPairs.length; i += 2) {
      setLine(cart, productQuantityPairs[i], productQuantityPairs[i + 1]);
    }
    return cart;
  }

  /** Checks {@code cart} out, which must succeed; the new order's id. */
  public long placeOrder(Session cart) {
    Reply checkout = checkout(cart);
    assertThat(checkout.status()).as(checkout.toString()).isEqualTo(200);
    return checkout.json().path("order").path("id").asLong();
  }

  public Reply checkout(Session cart) {
    return send(
        "POST", "/api/shopping_cart/" + cart.id() + "/checkout", auth(cart.token()), null, null);
  }
}

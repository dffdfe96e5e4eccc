package org.barebones.store.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** The store's public HTTP API as the benchmark fills and checks it, concurrently where many. */
final class StoreApi implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final BigDecimal PRICE = new BigDecimal("9.99");
  static final int AMPLE_STOCK = 1_000_000;

  record Producer(long id, String token) {}

  record Cart(long id, String token) {}

  final Http http;
  private final ExecutorService pool;
  private final boolean original;

  /** The API on {@code port}, filled by 16 threads; the original API's if so. */
  StoreApi(int port, boolean original) {
    this.http = new Http(port);
    this.pool = Executors.newFixedThreadPool(16);
    this.original = original;
  }

  Producer createProducer(String username, String password) throws IOException {
    JsonNode a =
        send("POST", "/api/producer", null, Map.of("username", username, "password", password));
    return new Producer(a.path("producer").path("id").asLong(), a.path("auth_token").asText());
  }

  /** A product at 9.99 with {@code inventory} in stock. */
  long createProduct(Producer producer, String title, int inventory) throws IOException {
    Map<String, Object> body = new HashMap<>();
    body.putAll(Map.of("title", title, "price", PRICE, "inventory_count", inventory));
    if (original) {
      // The original API wants the producer's id in the body too.
      body.put("producer_id", producer.id());
    }
    return send("POST", "/api/products", producer.token(), body).path("id").asLong();
  }

  /** Creates {@code count} products concurrently; their ids in index order. */
  List<Long> createProducts(Producer producer, int count, IntFunction<String> title)
      throws IOException {
    return parallel(count, i -> () -> createProduct(producer, title.apply(i), AMPLE_STOCK));
  }

  Cart createCart() throws IOException {
    JsonNode a = send("POST", "/api/shopping_cart", null, null);
    return new Cart(a.path("shopping_cart").path("id").asLong(), a.path("auth_token").asText());
  }

  JsonNode putLine(Cart cart, long productId, int quantity) throws IOException {
    return send(
        "PUT",
        "/api/shopping_cart/" + cart.id(),
        cart.token(),
        Map.of("product_id", productId, "quantity", quantity));
  }

  /** Opens {@code count} carts, the i-th with one unit of {@code product.apply(i)} (if not 0). */
  List<Cart> carts(int count, IntFunction<Long> product) throws IOException {
    return parallel(
        count,
        i ->
            () -> {
              Cart cart = createCart();
              long p = product.apply(i);
              if (p > 0) {
                putLine(cart, p, 1);
              }
              return cart;
            });
  }

  JsonNode get(String path, String token) throws IOException {
    return send("GET", path, token, null);
  }

  String etag(String path, String token) throws IOException {
    Http.Answer a = http.send(http.get(path, token));
    if (a.status() != 200 || a.etag() == null) {
      throw new IOException("GET " + path + ": no ETag on a 200");
    }
    return a.etag();
  }

  /** Runs {@code task} for 0..count-1 on the pool; results in index order. */
  <T> List<T> parallel(int count, IntFunction<Callable<T>> task) throws IOException {
    List<Callable<T>> tasks = IntStream.range(0, count).mapToObj(task).toList();
    List<T> results = new ArrayList<>(count);
    try {
      for (Future<T> future : pool.invokeAll(tasks)) {
        results.add(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
    return results;
  }

  private JsonNode send(String method, String path, String token, Object body) throws IOException {
    String json = body == null ? null : JSON.writeValueAsString(body);
    Http.Answer a = http.send(http.request(method, path, token, json, null));
    if (a.status() != 200) {
      throw new IOException(
          method + " " + path + " answered " + a.status() + ": " + new String(a.body()));
    }
    return a.body().length == 0 ? JSON.nullNode() : JSON.readTree(a.body());
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}

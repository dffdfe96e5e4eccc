package org.barebones.store.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The store's public HTTP API as the benchmark fills and checks it: {@link HttpClient} requests,
 * run concurrently where there are many.
 */
final class StoreApi implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A producer and its token. */
  record Producer(long id, String token) {}

  /** A cart and the token that opens it. */
  record Cart(long id, String token) {}

  private final String base;
  private final ExecutorService pool;
  private final ExecutorService httpExecutor = Executors.newFixedThreadPool(2);
  private final HttpClient http;
  private final int concurrency;

  StoreApi(int port, int concurrency) {
    this.base = "http://" + ServerProcess.HOST + ":" + port;
    this.concurrency = concurrency;
    this.pool = Executors.newFixedThreadPool(concurrency);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(httpExecutor)
            .build();
  }

  Producer createProducer(String username, String password) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
    JsonNode answer = send("POST", "/api/producer", null, body, 200);
    return new Producer(answer.path("producer").path("id").asLong(), text(answer, "auth_token"));
  }

  long createProduct(Producer producer, String title, BigDecimal price, int inventory)
      throws IOException {
    ObjectNode body =
        JSON.createObjectNode()
            .put("title", title)
            .put("price", price)
            .put("inventory_count", inventory);
    return send("POST", "/api/products", producer.token(), body, 200).path("id").asLong();
  }

  /** A product made through the original API, which wants the producer's id in the body. */
  long createOriginalProduct(Producer producer, String title, BigDecimal price, int inventory)
      throws IOException {
    ObjectNode body =
        JSON.createObjectNode()
            .put("producer_id", producer.id())
            .put("title", title)
            .put("price", price)
            .put("inventory_count", inventory);
    return send("POST", "/api/products", producer.token(), body, 200).path("id").asLong();
  }

  /** Creates {@code count} products concurrently; returns their ids in creation-call order. */
  List<Long> createProducts(
      Producer producer, int count, IntFunction<String> title, BigDecimal price, int inventory)
      throws IOException {
    return parallel(count, i -> createProduct(producer, title.apply(i), price, inventory));
  }

  Cart createCart() throws IOException {
    JsonNode answer = send("POST", "/api/shopping_cart", null, null, 200);
    return new Cart(answer.path("shopping_cart").path("id").asLong(), text(answer, "auth_token"));
  }

  JsonNode putLine(Cart cart, long productId, int quantity) throws IOException {
    ObjectNode body =
        JSON.createObjectNode().put("product_id", productId).put("quantity", quantity);
    return send("PUT", "/api/shopping_cart/" + cart.id(), cart.token(), body, 200);
  }

  JsonNode get(String path, String token) throws IOException {
    return send("GET", path, token, null, 200);
  }

  /** The {@code ETag} of a GET's 200 answer. */
  String etag(String path, String token) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<Void> response =
          http.send(request.GET().build(), HttpResponse.BodyHandlers.discarding());
      return response
          .headers()
          .firstValue("ETag")
          .filter(tag -> response.statusCode() == 200)
          .orElseThrow(() -> new IOException("GET " + path + ": no ETag on a 200"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Runs {@code task} for 0..count-1 on the pool; results in index order. */
  <T> List<T> parallel(int count, IoFunction<T> task) throws IOException {
    List<Future<T>> futures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int index = i;
      futures.add(pool.submit(() -> task.apply(index)));
    }
    List<T> results = new ArrayList<>(count);
    try {
      for (Future<T> future : futures) {
        results.add(future.get());
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause);
    }
    return results;
  }

  int concurrency() {
    return concurrency;
  }

  /** A task of {@link #parallel}. */
  @FunctionalInterface
  interface IoFunction<T> {
    T apply(int index) throws IOException;
  }

  private JsonNode send(String method, String path, String token, JsonNode body, int expected)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() != expected) {
      throw new IOException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    String text = response.body();
    return text == null || text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
  }

  private static String text(JsonNode node, String field) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IOException("no \"" + field + "\" in " + node);
    }
    return value.asText();
  }

  @Override
  public void close() {
    pool.shutdownNow();
    httpExecutor.shutdownNow();
  }
}

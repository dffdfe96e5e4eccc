package org.barebones.store.app.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * Test support: a client of one store node at 127.0.0.1 in which every call has a deadline (connect
 * and whole request), so a stuck server fails a test instead of hanging it.
 */
final class Client {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One pool of connections for all the tests' clients, HTTP/1.1 only. */
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .executor(
              Executors.newCachedThreadPool(
                  r -> {
                    Thread t = new Thread(r, "integrity-http");
                    t.setDaemon(true);
                    return t;
                  }))
          .build();

  private final String base;
  private final Duration timeout;

  Client(int port) {
    this(port, Duration.ofSeconds(20));
  }

  Client(int port, Duration timeout) {
    this.base = "http://127.0.0.1:" + port;
    this.timeout = timeout;
  }

  /** One answer: status, headers, body, and how long it took. */
  record Reply(int status, Map<String, List<String>> headers, String body, long nanos) {

    JsonNode json() {
      if (body.isEmpty()) {
        return MissingNode.getInstance();
      }
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }

    Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }

    /** The {@code type} of a problem body, or empty. */
    String problemType() {
      try {
        return JSON.readTree(body).path("type").asText("");
      } catch (IOException e) {
        return "";
      }
    }

    double millis() {
      return nanos / 1e6;
    }

    @Override
    public String toString() {
      return status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Reply get(String path) {
    return send("GET", path, null, null, Map.of());
  }

  Reply get(String path, String token) {
    return send("GET", path, null, token, Map.of());
  }

  Reply post(String path, Object body, String token) {
    return send("POST", path, body, token, Map.of());
  }

  Reply put(String path, Object body, String token) {
    return send("PUT", path, body, token, Map.of());
  }

  Reply delete(String path, String token) {
    return send("DELETE", path, null, token, Map.of());
  }

  /**
   * Sends {@code body} as JSON (a String as it is, anything else through Jackson).
   *
   * @throws UncheckedIOException when no answer comes within the deadline or the connection fails
   */
  Reply send(String method, String path, Object body, String token, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      String text = body instanceof String s ? s : json(body);
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    long start = System.nanoTime();
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(
          response.statusCode(),
          response.headers().map(),
          response.body(),
          System.nanoTime() - start);
    } catch (IOException e) {
      throw new UncheckedIOException(
          method
              + " "
              + path
              + " failed after "
              + (System.nanoTime() - start) / 1_000_000
              + " ms: "
              + e,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + method + " " + path, e);
    }
  }
}

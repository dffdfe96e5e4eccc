package org.barebones.store.app;

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
import org.barebones.store.http.openapi.OpenApiContract;

/** Test support: a plain HTTP client of the store's API that keeps every answer raw. */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  Api(int port) {
    this("http://127.0.0.1:" + port);
  }

  Api(String base) {
    this.base = base;
  }

  /** One answer: status, headers and the body, raw and (when it is JSON) parsed. */
  record Reply(int status, Map<String, List<String>> headers, String raw) {

    JsonNode json() {
      if (raw.isEmpty()) {
        return MissingNode.getInstance();
      }
      try {
        return JSON.readTree(raw);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + raw, e);
      }
    }

    Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }

    @Override
    public String toString() {
      return status + " " + raw;
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Reply get(String path, String token) {
    return send("GET", path, null, token, Map.of());
  }

  Reply get(String path) {
    return get(path, null);
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
   * Sends {@code body} as JSON: a String as it is (so that tests can send broken JSON), anything
   * else through Jackson.
   */
  Reply send(String method, String path, Object body, String token, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
            .timeout(Duration.ofSeconds(30));
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
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      // Every answer of the full-stack tests must be one the OpenAPI document describes.
      URI sent = response.request().uri();
      OpenApiContract.served()
          .check(
              method,
              sent.getRawPath() + (sent.getRawQuery() == null ? "" : "?" + sent.getRawQuery()),
              response.statusCode(),
              response.headers().map(),
              response.body());
      return new Reply(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

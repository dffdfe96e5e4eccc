package org.barebones.store.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * Test support: the one HTTP client of the store's API for tests; every call has a deadline
 * (connect and whole request), so a stuck server fails a test instead of hanging it, and every
 * answer passes through the registered {@link ResponseObserver}s.
 */
public final class StoreClient {

  public static final ObjectMapper JSON = new ObjectMapper();

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

  /**
   * The one place every answer of every client passes through, in registration order: first the
   * observers named in {@code META-INF/services/...StoreClient$ResponseObserver} of the test
   * resources (checks for every test, e.g. against the API's description), then those of {@link
   * #observeAll}.
   */
  private static final List<ResponseObserver> OBSERVERS =
      new CopyOnWriteArrayList<>(
          ServiceLoader.load(ResponseObserver.class).stream()
              .map(ServiceLoader.Provider::get)
              .toList());

  private final String base;
  private final Duration timeout;

  public StoreClient(int port) {
    this(port, Duration.ofSeconds(20));
  }

  public StoreClient(int port, Duration timeout) {
    this("http://127.0.0.1:" + port, timeout);
  }

  /** A client of the server at {@code base}, e.g. {@code http://127.0.0.1:8080}. */
  public StoreClient(String base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
  }

  /**
   * Sees (and may fail on) every answer any client gets from now on, e.g. a validator of the
   * answers against the API's description; closing the handle removes it.
   */
  public static Observation observeAll(ResponseObserver observer) {
    OBSERVERS.add(observer);
    return () -> OBSERVERS.remove(observer);
  }

  /** A registered observer's handle; {@link #close()} unregisters it. */
  public interface Observation extends AutoCloseable {
    @Override
    void close();
  }

  /** Checks or records one exchange; throwing an AssertionError fails the test that sent it. */
  @FunctionalInterface
  public interface ResponseObserver {
    void observe(String method, URI uri, Map<String, String> requestHeaders, Reply reply);
  }

  public String base() {
    return base;
  }

  /** One answer: status, headers, body, and how long it took. */
  public record Reply(int status, Map<String, List<String>> headers, String body, long nanos) {

    public JsonNode json() {
      if (body.isEmpty()) {
        return MissingNode.getInstance();
      }
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }

    public Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }

    /** The {@code type} of a problem body, or empty. */
    public String problemType() {
      try {
        return JSON.readTree(body).path("type").asText("");
      } catch (IOException e) {
        return "";
      }
    }

    public double millis() {
      return nanos / 1e6;
    }

    @Override
    public String toString() {
      return status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }
  }

  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Reply get(String path) {
    return send("GET", path, null, null, Map.of());
  }

  public Reply get(String path, String token) {
    return send("GET", path, null, token, Map.of());
  }

  public Reply post(String path, Object body, String token) {
    return send("POST", path, body, token, Map.of());
  }

  public Reply put(String path, Object body, String token) {
    return send("PUT", path, body, token, Map.of());
  }

  public Reply delete(String path, String token) {
    return send("DELETE", path, null, token, Map.of());
  }

  /**
   * Sends {@code body} as JSON (a String as it is, so that tests can send broken JSON, anything
   * else through Jackson); {@code path} is relative to the base, or a whole URL.
   */
  public Reply send(
      String method, String path, Object body, String token, Map<String, String> headers) {
    URI uri = URI.create(path.startsWith("http") ? path : base + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
    Map<String, String> sent = new LinkedHashMap<>();
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      String text = body instanceof String s ? s : json(body);
      sent.put("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
    }
    if (token != null) {
      sent.put("Authorization", "Bearer " + token);
    }
    sent.putAll(headers);
    sent.forEach(request::header);
    long start = System.nanoTime();
    try {
      HttpResponse<byte[]> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      Reply reply =
          new Reply(
              response.statusCode(),
              response.headers().map(),
              text(response),
              System.nanoTime() - start);
      for (ResponseObserver observer : OBSERVERS) {
        observer.observe(method, uri, Map.copyOf(sent), reply);
      }
      return reply;
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

  /**
   * The body as text, decompressed when the server gzipped it (as a browser would); the headers
   * still say {@code Content-Encoding: gzip}.
   */
  private static String text(HttpResponse<byte[]> response) throws IOException {
    byte[] body = response.body();
    boolean gzipped =
        response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip");
    if (gzipped && body.length > 0) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        body = in.readAllBytes();
      }
    }
    return new String(body, StandardCharsets.UTF_8);
  }
}

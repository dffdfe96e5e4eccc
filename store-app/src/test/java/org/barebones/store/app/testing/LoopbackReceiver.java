package org.barebones.store.app.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

/**
 * Test support: an HTTP server on 127.0.0.1 (a random port, kept across {@link #stop()} and {@link
 * #start()}) that records every request it gets, e.g. a store's webhook deliveries, and answers
 * each with the status the test chose: {@code answer(n -> n <= 3 ? 500 : 200)}.
 */
public final class LoopbackReceiver implements AutoCloseable {

  /** One request as it arrived; {@code number} counts from 1 over the receiver's life. */
  public record Request(
      int number,
      String method,
      String path,
      Map<String, List<String>> headers,
      byte[] body,
      Instant arrived,
      int answered) {

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a header, named in any case, or null. */
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }
  }

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile IntUnaryOperator status = n -> 200;
  private int port;
  private HttpServer server;
  private ExecutorService executor;

  /** The ports receivers listen on: answers from them are not the store's (OpenApiObserver). */
  private static final java.util.Set<Integer> PORTS =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private LoopbackReceiver() {}

  /** Whether {@code port} is a receiver's, not a store server's. */
  public static boolean isReceiverPort(int port) {
    return PORTS.contains(port);
  }

  /** Starts a receiver on a random free port of 127.0.0.1. */
  public static LoopbackReceiver open() {
    LoopbackReceiver receiver = new LoopbackReceiver();
    receiver.bind(0);
    return receiver;
  }

  private synchronized void bind(int onPort) {
    try {
      HttpServer created =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
      created.createContext("/", this::handle);
      executor = Executors.newCachedThreadPool();
      created.setExecutor(executor);
      created.start();
      server = created;
      port = created.getAddress().getPort();
      PORTS.add(port); // kept after close: a late answer from it is still not the store's
    } catch (IOException e) {
      throw new UncheckedIOException("could not listen on 127.0.0.1:" + onPort, e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      Instant arrived = Instant.now();
      int number;
      int answer;
      synchronized (requests) {
        number = requests.size() + 1;
        answer = status.applyAsInt(number);
        requests.add(
            new Request(
                number,
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body,
                arrived,
                answer));
      }
      exchange.sendResponseHeaders(answer, -1);
    }
  }

  /** The status for the n-th request (from 1); the default answers 200 to all. */
  public LoopbackReceiver answer(IntUnaryOperator statusForRequestNumber) {
    this.status = statusForRequestNumber;
    return this;
  }

  public synchronized int port() {
    return port;
  }

  /** The URL of {@code path} (starting with a slash) on this receiver. */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Every request so far, in order of arrival. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Waits until at least {@code count} requests have arrived, and returns all so far. */
  public List<Request> awaitRequests(int count, Duration timeout) {
    return Await.until(
        count + " requests on " + url("/"), timeout, this::requests, seen -> seen.size() >= count);
  }

  /** Stops listening: connections to the port are refused until {@link #start()}. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  /** Listens again on the same port (the requests recorded so far are kept). */
  public synchronized void start() {
    if (server == null) {
      bind(port);
    }
  }

  public synchronized boolean running() {
    return server != null;
  }

  @Override
  public void close() {
    stop();
  }
}

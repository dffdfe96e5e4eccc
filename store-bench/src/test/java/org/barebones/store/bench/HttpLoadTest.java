package org.barebones.store.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class HttpLoadTest {

  private static InputStream stream(String raw) {
    return new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String text(HttpLoad.Response response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void readsAContentLengthBody() throws IOException {
    HttpLoad.Response response =
        HttpLoad.readResponse(
            stream(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n[1,2,3]"),
            true);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.keepAlive()).isTrue();
    assertThat(text(response)).isEqualTo("[1,2,3]");
  }

  @Test
  void readsAChunkedBodyWithExtensionsAndTrailers() throws IOException {
    HttpLoad.Response response =
        HttpLoad.readResponse(
            stream(
                "HTTP/1.1 201 Created\r\ntransfer-encoding: Chunked\r\n\r\n"
                    + "4;name=x\r\nWiki\r\n"
                    + "9\r\npedia in \r\n"
                    + "0\r\nExpires: never\r\n\r\n"),
            true);
    assertThat(response.status()).isEqualTo(201);
    assertThat(text(response)).isEqualTo("Wikipedia in ");
    assertThat(response.keepAlive()).isTrue();
  }

  @Test
  void readsResponsesBackToBackOnOneConnection() throws IOException {
    HttpLoad.ResponseReader reader =
        new HttpLoad.ResponseReader(
            stream(
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                    + "HTTP/1.1 409 Conflict\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nnay\r\n0\r\n\r\n"
                    + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
    assertThat(text(reader.read(true))).isEqualTo("ok");
    HttpLoad.Response second = reader.read(false);
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.body()).isNull();
    assertThat(reader.read(true).status()).isEqualTo(404);
  }

  @Test
  void connectionCloseAndHttp10EndKeepAlive() throws IOException {
    assertThat(
            HttpLoad.readResponse(
                    stream("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"),
                    false)
                .keepAlive())
        .isFalse();
    assertThat(
            HttpLoad.readResponse(stream("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"), false)
                .keepAlive())
        .isFalse();
    assertThat(
            HttpLoad.readResponse(
                    stream(
                        "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n"),
                    false)
                .keepAlive())
        .isTrue();
  }

  @Test
  void aBodyWithoutLengthRunsToTheEndOfTheConnection() throws IOException {
    HttpLoad.Response response =
        HttpLoad.readResponse(stream("HTTP/1.1 200 OK\r\n\r\npong\n"), true);
    assertThat(text(response)).isEqualTo("pong\n");
    assertThat(response.keepAlive()).isFalse();
  }

  @Test
  void noContentHasNoBody() throws IOException {
    HttpLoad.ResponseReader reader =
        new HttpLoad.ResponseReader(
            stream("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx"));
    assertThat(reader.read(true).body()).isEmpty();
    assertThat(text(reader.read(true))).isEqualTo("x");
  }

  @Test
  void truncatedOrMalformedResponsesFail() {
    assertThatThrownBy(
            () ->
                HttpLoad.readResponse(
                    stream("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"), true))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () ->
                HttpLoad.readResponse(
                    stream("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"), true))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> HttpLoad.readResponse(stream("SSH-2.0-OpenSSH\r\n\r\n"), true))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> HttpLoad.readResponse(stream(""), true))
        .isInstanceOf(IOException.class);
  }

  @Test
  void buildsRequests() {
    String get =
        new String(HttpLoad.get("/api/products?limit=100", "t0k"), StandardCharsets.US_ASCII);
    assertThat(get)
        .startsWith("GET /api/products?limit=100 HTTP/1.1\r\n")
        .contains("Authorization: Bearer t0k\r\n")
        .doesNotContain("Content-Length")
        .endsWith("\r\n\r\n");
    String post =
        new String(
            HttpLoad.request("POST", "/api/shopping_cart/1/checkout", null, null),
            StandardCharsets.US_ASCII);
    assertThat(post).contains("Content-Length: 0\r\n").doesNotContain("Content-Type");
    String put =
        new String(HttpLoad.request("PUT", "/x", null, "{\"a\":\"é\"}"), StandardCharsets.UTF_8);
    assertThat(put)
        .contains("Content-Type: application/json\r\n")
        .contains("Content-Length: 10\r\n");
  }

  @Test
  void sendsEachPreparedRequestOnceAndHandsEveryAnswerToTheSink() throws Exception {
    // The JDK's server writes headers and body apart: without this, Nagle and delayed ACKs make
    // every request take 40 ms.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ExecutorService executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              exchange.getRequestURI().getPath().substring(1).getBytes(StandardCharsets.UTF_8);
          int status = exchange.getRequestURI().getPath().endsWith("7") ? 409 : 200;
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      List<byte[]> requests = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        requests.add(HttpLoad.get("/" + i, null));
      }
      ConcurrentHashMap<Long, String> answers = new ConcurrentHashMap<>();
      HttpLoad.Result result =
          new HttpLoad("127.0.0.1", server.getAddress().getPort())
              .run(
                  "test",
                  4,
                  Duration.ZERO,
                  Duration.ofSeconds(60),
                  HttpLoad.once(requests),
                  (seq, status, body) ->
                      answers.put(seq, status + ":" + new String(body, StandardCharsets.UTF_8)));
      assertThat(answers).hasSize(300);
      assertThat(answers.get(12L)).isEqualTo("200:12");
      assertThat(answers.get(17L)).isEqualTo("409:17");
      assertThat(result.requests() + result.errors()).isEqualTo(300);
      assertThat(result.errors()).isEqualTo(30); // 7, 17, ..., 297
      assertThat(result.sortedNanos()).isSorted().hasSize(270);
      assertThat(result.percentileMillis(50)).isPositive();
    } finally {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  @Test
  void percentilesComeFromTheSortedSamples() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) {
      nanos[i] = (i + 1) * 1_000_000L;
    }
    HttpLoad.Result result = new HttpLoad.Result("x", 1, 100, 0, 2.0, nanos);
    assertThat(result.p50()).isEqualTo(50.0);
    assertThat(result.p99()).isEqualTo(99.0);
    assertThat(result.percentileMillis(100)).isEqualTo(100.0);
    assertThat(result.perSecond()).isEqualTo(50.0);
    assertThat(new HttpLoad.Result("x", 1, 0, 0, 1, new long[0]).p50()).isNaN();
  }
}

package org.barebones.store.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The JDK's {@link HttpClient} on one server: HTTP/1.1 keep-alive connections (one per thread that
 * sends at once), requests built once and sent many times.
 */
final class Http {

  record Answer(int status, byte[] body, String etag) {}

  private final String base;
  private final HttpClient client;

  Http(int port) {
    this.base = "http://" + ServerProcess.HOST + ":" + port;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** A request with an optional bearer token, JSON body and {@code If-None-Match}. */
  HttpRequest request(String method, String path, String token, String json, String ifNoneMatch) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", path.equals("/") ? "text/plain" : "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (ifNoneMatch != null) {
      b.header("If-None-Match", ifNoneMatch);
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return b.method(
            method,
            json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  HttpRequest get(String path, String token) {
    return request("GET", path, token, null, null);
  }

  /** Sends and answers; a failure on the wire is an {@link IOException}. */
  Answer send(HttpRequest request) throws IOException {
    try {
      HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(r.statusCode(), r.body(), r.headers().firstValue("ETag").orElse(null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** A load task that GETs {@code path} again and again. */
  Load.Task repeat(String path, String token) {
    return repeat(get(path, token));
  }

  /** A load task that sends the given requests in turn, again and again. */
  Load.Task repeat(HttpRequest... requests) {
    return seq -> send(requests[(int) (seq % requests.length)]).status();
  }
}

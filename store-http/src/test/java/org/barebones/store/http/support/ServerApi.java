package org.barebones.store.http.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.barebones.store.http.openapi.OpenApiContract;

/** {@link Api} over real HTTP/1.1 to a {@link TestServer}. */
public final class ServerApi extends Api {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final DropwizardAppExtension<?> server;

  public ServerApi(DropwizardAppExtension<?> server) {
    this.server = server;
  }

  @Override
  public Reply send(
      String method,
      String pathAndQuery,
      Map<String, String> headers,
      byte[] body,
      String contentType) {
    return send(
        method,
        pathAndQuery,
        headers,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body),
        contentType);
  }

  /** Sends {@code body} chunked, without a Content-Length. */
  public Reply sendChunked(
      String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
    return send(
        method,
        pathAndQuery,
        headers,
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
        JSON);
  }

  private Reply send(
      String method,
      String pathAndQuery,
      Map<String, String> headers,
      HttpRequest.BodyPublisher body,
      String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.getLocalPort() + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .method(method, body);
    headers.forEach(request::header);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      HttpResponse<byte[]> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      Reply reply =
          new Reply(
              response.statusCode(), response.headers().map(), new String(response.body(), UTF_8));
      OpenApiContract.served()
          .check(method, pathAndQuery, reply.status(), reply.headers(), reply.body());
      return reply;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

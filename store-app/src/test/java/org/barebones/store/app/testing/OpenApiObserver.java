package org.barebones.store.app.testing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.barebones.store.http.openapi.OpenApiContract;

/**
 * Checks every answer of the API that a test's {@link StoreClient} receives against the OpenAPI
 * document the server serves (store-http's {@link OpenApiContract}): an answer the document does
 * not describe fails the test that got it. Registered for every test in {@code META-INF/services}.
 * Dropwizard's admin port ({@code /healthcheck}, {@code /metrics}, ...) is not part of the API and
 * not checked, nor are the answers of a {@link LoopbackReceiver} (a webhook receiver, not the
 * store).
 */
public final class OpenApiObserver implements StoreClient.ResponseObserver {
  private static final List<String> ADMIN =
      List.of("/healthcheck", "/metrics", "/ping", "/threads", "/tasks", "/pprof");

  @Override
  public void observe(
      String method, URI uri, Map<String, String> requestHeaders, StoreClient.Reply reply) {
    if (LoopbackReceiver.isReceiverPort(uri.getPort())) {
      return;
    }
    String path = uri.getRawPath();
    if (ADMIN.stream().anyMatch(admin -> path.equals(admin) || path.startsWith(admin + "/"))) {
      return;
    }
    String query = uri.getRawQuery();
    OpenApiContract.served()
        .check(
            method,
            query == null ? path : path + "?" + query,
            reply.status(),
            reply.headers(),
            reply.body());
  }
}

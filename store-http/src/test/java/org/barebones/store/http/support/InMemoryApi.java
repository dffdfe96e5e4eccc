package org.barebones.store.http.support;

import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barebones.store.http.openapi.OpenApiContract;
import org.glassfish.jersey.client.ClientProperties;

/** {@link Api} over a {@link ResourceExtension}'s client and in-memory container. */
public final class InMemoryApi extends Api {
  private final ResourceExtension resources;

  public InMemoryApi(ResourceExtension resources) {
    this.resources = resources;
  }

  @Override
  public Reply send(
      String method,
      String pathAndQuery,
      Map<String, String> headers,
      byte[] body,
      String contentType) {
    URI base = resources.getJerseyTest().target().getUri();
    String root = base.toString().endsWith("/") ? base.toString() : base + "/";
    Invocation.Builder request =
        resources
            .client()
            .target(URI.create(root + pathAndQuery.substring(1)))
            .property(ClientProperties.SUPPRESS_HTTP_COMPLIANCE_VALIDATION, true)
            .request();
    headers.forEach(request::header);
    try (Response response =
        body == null
            ? request.method(method)
            : request.method(
                method,
                Entity.entity(
                    body,
                    contentType == null ? MediaType.APPLICATION_OCTET_STREAM : contentType))) {
      String text = response.hasEntity() ? response.readEntity(String.class) : "";
      Map<String, List<String>> replyHeaders = new LinkedHashMap<>();
      response
          .getStringHeaders()
          .forEach((name, values) -> replyHeaders.put(name, new ArrayList<>(values)));
      Reply reply = new Reply(response.getStatus(), replyHeaders, text);
      OpenApiContract.served().check(method, pathAndQuery, reply.status(), reply.headers(), text);
      return reply;
    }
  }
}

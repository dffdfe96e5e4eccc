package org.barebones.store.http.resource;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.barebones.store.http.OpenApiDocument;

/**
 * {@code GET /}: the original API's liveness check; {@code GET /openapi.json} and {@code
 * /openapi.yaml}: the API's OpenAPI 3.1 document.
 */
@Path("/")
public final class RootResource {
  static final String GREETING = "Hello!";
  static final String YAML = "application/yaml";

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String greet() {
    return GREETING;
  }

  @GET
  @Path("openapi.json")
  @Produces(MediaType.APPLICATION_JSON)
  public String openApiJson() {
    return OpenApiDocument.json();
  }

  @GET
  @Path("openapi.yaml")
  @Produces(YAML + ";charset=utf-8")
  public String openApiYaml() {
    return OpenApiDocument.yaml();
  }
}

package org.barebones.store.http.resource;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /}: the original API's liveness check. */
@Path("/")
public final class RootResource {
  static final String GREETING = "Barebones Store is running";

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String greet() {
    return GREETING;
  }
}

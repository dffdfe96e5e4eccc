package org.barebones.store.http.resource;

import io.dropwizard.auth.Auth;
import jakarta.inject.Provider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Providers;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.order.PartStatus;
import org.barebones.store.domain.order.ProducerOrder;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;
import org.barebones.store.domain.usecase.AuthenticatedProducer;
import org.barebones.store.domain.usecase.ProducerOrdersQuery;
import org.barebones.store.domain.usecase.ProducerProfile;
import org.barebones.store.http.api.LogInRequest;
import org.barebones.store.http.api.ProducerOrderResponse;
import org.barebones.store.http.api.ProducerResponse;
import org.barebones.store.http.api.ProducerSessionResponse;
import org.barebones.store.http.api.RegisterProducerRequest;
import org.barebones.store.http.auth.StorePrincipal;
import org.barebones.store.http.problem.HttpProblem;

/**
 * {@code /api/producer}: sign-up, login, the public list of producers, and each producer's own
 * orders. The public GETs carry the catalogue's {@code Cache-Control} and answer a matching {@code
 * If-None-Match} with 304.
 */
@Path("/api/producer")
@Produces(MediaType.APPLICATION_JSON)
public final class ProducerResource {
  private final Store store;
  private final String cacheControl;

  /** {@code cacheControl}: the {@code Cache-Control} of the public producer GETs. */
  public ProducerResource(Store store, String cacheControl) {
    this.store = Objects.requireNonNull(store, "store");
    this.cacheControl = Objects.requireNonNull(cacheControl, "cacheControl");
  }

  /**
   * Limited per client address (429 with {@code Retry-After} past the configured rate); with an
   * {@code Idempotency-Key}, carried out once per key (see {@link Idempotency}).
   */
  @POST
  @Idempotent
  @Consumes(MediaType.APPLICATION_JSON)
  public Response register(
      RegisterProducerRequest body,
      @Context UriInfo uri,
      @Context Provider<HttpServletRequest> servletRequest,
      @Context ContainerRequestContext request,
      @Context Providers providers) {
    return Idempotency.answer(
        store,
        request,
        providers,
        () -> Idempotency.callerOrAddress(store, request, servletRequest),
        () -> {
          AuthenticatedProducer registered =
              store
                  .registerProducer()
                  .register(Bodies.required(body).toCommand(), ClientAddress.of(servletRequest));
          return Response.ok(ProducerSessionResponse.from(registered))
              .location(
                  uri.getBaseUriBuilder()
                      .path(ProducerResource.class)
                      .path(Long.toString(registered.producer().id().value()))
                      .build())
              .build();
        });
  }

  @POST
  @Path("login")
  @Consumes(MediaType.APPLICATION_JSON)
  public ProducerSessionResponse logIn(
      LogInRequest body, @Context Provider<HttpServletRequest> servletRequest) {
    String origin = ClientAddress.of(servletRequest);
    return ProducerSessionResponse.from(
        store.logInProducer().logIn(Bodies.required(body).toCommand(origin)));
  }

  @GET
  public Response list(
      @QueryParam("after") String after,
      @QueryParam("limit") String limit,
      @Context UriInfo uri,
      @Context HttpHeaders conditions) {
    PageRequest request = Paging.request(after, limit);
    Page<ProducerProfile> page = store.listProducers().list(request);
    return Conditional.answer(
        conditions,
        Conditional.producersPage(page),
        cacheControl,
        () ->
            Paging.ok(
                page, page.items().stream().map(ProducerResponse::from).toList(), request, uri));
  }

  /**
   * That producer's own orders (its token only), optionally {@code
   * status=pending|shipped|canceled}.
   */
  @GET
  @Path("{id}/orders")
  public Response orders(
      @Auth StorePrincipal caller,
      @PathParam("id") String id,
      @QueryParam("status") String status,
      @QueryParam("after") String after,
      @QueryParam("limit") String limit,
      @Context UriInfo uri) {
    ProducerId actor = caller.producerId();
    ProducerId producer = ProducerId.of(Params.pathId(id, "producer"));
    Optional<PartStatus> wanted = partStatus(status);
    PageRequest request = Paging.request(after, limit);
    Page<ProducerOrder> page =
        store.listProducerOrders().list(new ProducerOrdersQuery(actor, producer, wanted, request));
    return Paging.respond(
        page, page.items().stream().map(ProducerOrderResponse::from).toList(), request, uri);
  }

  private static Optional<PartStatus> partStatus(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    return Optional.of(
        PartStatus.fromCode(raw)
            .orElseThrow(
                () -> HttpProblem.badParameter("status", "must be pending, shipped or canceled")));
  }

  @GET
  @Path("{id}")
  public Response get(@PathParam("id") String id, @Context HttpHeaders conditions) {
    ProducerProfile profile = store.getProducer().get(ProducerId.of(Params.pathId(id, "producer")));
    return Conditional.answer(
        conditions,
        Conditional.producer(profile),
        cacheControl,
        () -> Response.ok(ProducerResponse.from(profile)));
  }
}

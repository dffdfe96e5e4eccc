package org.barebones.store.http.resource;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Providers;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.idempotency.IdempotencyOwner;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.product.ProductQuery;
import org.barebones.store.domain.product.ProductSearch;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;
import org.barebones.store.http.api.ChangeProductRequest;
import org.barebones.store.http.api.CreateProductRequest;
import org.barebones.store.http.api.DeleteProductRequest;
import org.barebones.store.http.api.MessageResponse;
import org.barebones.store.http.api.ProductResponse;
import org.barebones.store.http.auth.StorePrincipal;
import org.barebones.store.http.problem.HttpProblem;

/**
 * {@code /api/products}: the public catalogue (filtered, searched with {@code q}, paged), and its
 * producers' changes to their own products. Every single-product answer carries an {@code ETag} of
 * the product's version; a change may send it back in {@code If-Match} to apply only to that
 * version. The GETs carry the catalogue's {@code Cache-Control} and answer a matching {@code
 * If-None-Match} with 304 (see {@link Conditional}).
 */
@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
public final class ProductResource {
  private final Store store;
  private final String cacheControl;

  /** {@code cacheControl}: the {@code Cache-Control} of the catalogue's GETs. */
  public ProductResource(Store store, String cacheControl) {
    this.store = Objects.requireNonNull(store, "store");
    this.cacheControl = Objects.requireNonNull(cacheControl, "cacheControl");
  }

  @GET
  public Response list(
      @QueryParam("min-inventory-count") String minInventoryCount,
      @QueryParam("producer_id") String producerId,
      @QueryParam("after") String after,
      @QueryParam("limit") String limit,
      @QueryParam("q") String q,
      @Context UriInfo uri,
      @Context HttpHeaders conditions) {
    long min =
        Params.optionalLong(minInventoryCount, "min-inventory-count")
            .orElse(ProductQuery.DEFAULT_MIN_INVENTORY);
    Optional<ProducerId> producer =
        Params.optionalId(producerId, "producer_id").stream().mapToObj(ProducerId::of).findFirst();
    PageRequest request = Paging.request(after, limit);
    Optional<ProductSearch> search = search(q);
    Page<Product> page =
        store.listProducts().list(new ProductQuery(min, producer, request, search));
    return Conditional.answer(
        conditions,
        Conditional.productsPage(page),
        cacheControl,
        () ->
            Paging.ok(
                page, page.items().stream().map(ProductResponse::from).toList(), request, uri));
  }

  @GET
  @Path("{id}")
  public Response get(@PathParam("id") String id, @Context HttpHeaders conditions) {
    Product product = store.getProduct().get(productId(id));
    return Conditional.answer(
        conditions, tagOf(product), cacheControl, () -> Response.ok(ProductResponse.from(product)));
  }

  /** With an {@code Idempotency-Key}, carried out once per key of this producer. */
  @POST
  @Idempotent
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @Auth StorePrincipal caller,
      CreateProductRequest body,
      @Context UriInfo uri,
      @Context ContainerRequestContext request,
      @Context Providers providers) {
    ProducerId actor = caller.producerId();
    return Idempotency.answer(
        store,
        request,
        providers,
        () -> IdempotencyOwner.producer(actor),
        () -> {
          Product created = store.createProduct().create(Bodies.required(body).toCommand(actor));
          return withTag(
              created,
              Response.ok()
                  .location(
                      uri.getBaseUriBuilder()
                          .path(ProductResource.class)
                          .path(Long.toString(created.id().value()))
                          .build()));
        });
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response change(
      @Auth StorePrincipal caller,
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      ChangeProductRequest body) {
    ProducerId actor = caller.producerId();
    ProductId product = productId(id);
    ChangeProductRequest change = Bodies.required(body);
    Optional<Long> expectedVersion =
        IfMatch.expectedVersion(ifMatch, () -> currentVersion(product));
    return withTag(
        store.changeProduct().change(change.toCommand(actor, product, expectedVersion)),
        Response.ok());
  }

  /** A JSON body naming {@code producer_id} is tolerated (the original API's clients send it). */
  @DELETE
  @Path("{id}")
  public MessageResponse delete(
      @Auth StorePrincipal caller,
      @PathParam("id") String id,
      byte[] body,
      @Context Providers providers) {
    ProducerId actor = caller.producerId();
    ProductId product = productId(id);
    DeleteProductRequest request =
        OptionalJsonBody.read(body, DeleteProductRequest.class, providers);
    Optional<ProducerId> named = request == null ? Optional.empty() : request.namedProducer();
    store.deleteProduct().delete(actor, product, named);
    return new MessageResponse("Product " + product + " deleted");
  }

  /** {@code q}, when sent: 400 when it breaks the search rules (too long, no term, too many). */
  private static Optional<ProductSearch> search(String q) {
    if (q == null) {
      return Optional.empty();
    }
    ProductSearch.problemWith(q)
        .ifPresent(
            problem -> {
              throw HttpProblem.badParameter("q", problem);
            });
    return Optional.of(ProductSearch.of(q));
  }

  private long currentVersion(ProductId id) {
    return store.getProduct().get(id).version();
  }

  private static ProductId productId(String raw) {
    return ProductId.of(Params.pathId(raw, "product"));
  }

  private static Response withTag(Product product, Response.ResponseBuilder response) {
    return response.entity(ProductResponse.from(product)).tag(tagOf(product)).build();
  }

  /** A product's tag is its version, which {@code If-Match} sends back (see {@link IfMatch}). */
  private static EntityTag tagOf(Product product) {
    return new EntityTag(Long.toString(product.version()));
  }
}

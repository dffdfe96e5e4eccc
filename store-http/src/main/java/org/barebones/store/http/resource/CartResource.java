package org.barebones.store.http.resource;

import io.dropwizard.auth.Auth;
import jakarta.inject.Provider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.usecase.CartView;
import org.barebones.store.domain.usecase.OpenedCart;
import org.barebones.store.http.api.CartResponse;
import org.barebones.store.http.api.CheckoutRequest;
import org.barebones.store.http.api.CheckoutResponse;
import org.barebones.store.http.api.MessageResponse;
import org.barebones.store.http.api.OpenedCartResponse;
import org.barebones.store.http.api.SetCartLineRequest;
import org.barebones.store.http.auth.StorePrincipal;

/**
 * {@code /api/shopping_cart}: anonymous carts, each opened only by the token issued with it, and
 * their checkout.
 */
@Path("/api/shopping_cart")
@Produces(MediaType.APPLICATION_JSON)
public final class CartResource {
  private final Store store;

  public CartResource(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * Limited per client address (429 with {@code Retry-After} past the configured rate). With an
   * {@code Idempotency-Key}, opened once per key: a replay opens no cart and counts nothing against
   * the limit.
   */
  @POST
  @Idempotent
  public Response create(
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
          OpenedCart opened = store.createCart().create(ClientAddress.of(servletRequest));
          return Response.ok(OpenedCartResponse.from(opened))
              .location(
                  uri.getBaseUriBuilder()
                      .path(CartResource.class)
                      .path(Long.toString(opened.cart().id().value()))
                      .build())
              .build();
        });
  }

  /**
   * With {@code use-cache=0} the cart is repriced at current prices; otherwise shown as stored.
   * Tagged with the cart's state (see {@link Conditional#cart}); a matching {@code If-None-Match}
   * is answered 304, after any repricing. {@code private}: only its holder may keep a copy.
   */
  @GET
  @Path("{id}")
  public Response view(
      @Auth StorePrincipal caller,
      @PathParam("id") String id,
      @QueryParam("use-cache") String useCache,
      @Context HttpHeaders conditions) {
    CartId holder = caller.cartId();
    boolean reprice = "0".equals(useCache);
    CartView view = store.viewCart().view(holder, cartId(id), reprice);
    return Conditional.answer(
        conditions,
        Conditional.cart(view),
        Conditional.PRIVATE_REVALIDATE,
        () -> Response.ok(CartResponse.from(view)));
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public CartResponse setLine(
      @Auth StorePrincipal caller, @PathParam("id") String id, SetCartLineRequest body) {
    CartId holder = caller.cartId();
    CartId cart = cartId(id);
    return CartResponse.from(
        store.setCartLine().set(Bodies.required(body).toCommand(holder, cart)));
  }

  @DELETE
  @Path("{id}")
  public MessageResponse delete(@Auth StorePrincipal caller, @PathParam("id") String id) {
    CartId holder = caller.cartId();
    CartId cart = cartId(id);
    store.deleteCart().delete(holder, cart);
    return new MessageResponse("Shopping cart " + cart + " deleted");
  }

  /** The body is optional: {@code {"expected_total": ...}} to buy only at the total shown. */
  @POST
  @Path("{id}/checkout")
  public CheckoutResponse checkout(
      @Auth StorePrincipal caller,
      @PathParam("id") String id,
      byte[] body,
      @Context Providers providers) {
    CartId holder = caller.cartId();
    CartId cart = cartId(id);
    CheckoutRequest sent = OptionalJsonBody.read(body, CheckoutRequest.class, providers);
    CheckoutRequest request = sent == null ? CheckoutRequest.NONE : sent;
    return CheckoutResponse.from(store.checkout().checkout(request.toCommand(holder, cart)));
  }

  private static CartId cartId(String raw) {
    return CartId.of(Params.pathId(raw, "shopping cart"));
  }
}

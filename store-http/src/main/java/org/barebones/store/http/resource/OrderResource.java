package org.barebones.store.http.resource;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Objects;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.http.api.OrderResponse;
import org.barebones.store.http.auth.StorePrincipal;

/** {@code /api/orders/{id}}: an order, for the holder of the cart that placed it. */
@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
public final class OrderResource {
  private final Store store;

  public OrderResource(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @GET
  @Path("{id}")
  public OrderResponse get(@Auth StorePrincipal caller, @PathParam("id") String id) {
    CartId holder = caller.cartId();
    return OrderResponse.from(store.getOrder().get(holder, OrderId.of(Params.pathId(id, "order"))));
  }
}

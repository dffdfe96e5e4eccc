package org.barebones.store.http.resource;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Providers;
import java.util.Objects;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.usecase.Cancellation;
import org.barebones.store.http.api.CancellationRequest;
import org.barebones.store.http.api.OrderResponse;
import org.barebones.store.http.api.ProducerOrderResponse;
import org.barebones.store.http.api.ShipmentRequest;
import org.barebones.store.http.auth.StorePrincipal;

/**
 * {@code /api/orders/{id}}: an order, for the holder of the cart that placed it; its shipment, part
 * by part, by the producers who sold in it; and its cancellation, by the buyer (every pending part)
 * or by a producer (its own part).
 */
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
    return OrderResponse.from(store.getOrder().get(holder, orderId(id)));
  }

  /**
   * A producer ships its part of the order; the body is optional: {@code {"tracking": ...}}.
   * Repeating it answers the part as it is.
   */
  @POST
  @Path("{id}/shipment")
  public ProducerOrderResponse ship(
      @Auth StorePrincipal caller,
      @PathParam("id") String id,
      byte[] body,
      @Context Providers providers) {
    ProducerId producer = caller.producerId();
    OrderId order = orderId(id);
    ShipmentRequest sent = OptionalJsonBody.read(body, ShipmentRequest.class, providers);
    ShipmentRequest request = sent == null ? ShipmentRequest.NONE : sent;
    return ProducerOrderResponse.from(
        store.shipOrder().ship(request.toCommand(producer, order)).producerOrder());
  }

  /**
   * The buyer (its cart token) cancels every pending part and gets the Order; a producer cancels
   * its own part and gets the ProducerOrder. The body is optional: {@code {"reason": ...}}.
   * Repeating it answers the order as it is.
   */
  @POST
  @Path("{id}/cancellation")
  public Object cancel(
      @Auth StorePrincipal caller,
      @PathParam("id") String id,
      byte[] body,
      @Context Providers providers) {
    OrderId order = orderId(id);
    CancellationRequest sent = OptionalJsonBody.read(body, CancellationRequest.class, providers);
    CancellationRequest request = sent == null ? CancellationRequest.NONE : sent;
    Cancellation done = store.cancelOrder().cancel(request.toCommand(caller.caller(), order));
    return caller.caller() instanceof Caller.ProducerCaller
        ? ProducerOrderResponse.from(done.producerOrder())
        : OrderResponse.from(done.order());
  }

  private static OrderId orderId(String raw) {
    return OrderId.of(Params.pathId(raw, "order"));
  }
}

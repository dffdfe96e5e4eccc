package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.barebones.store.domain.event.EventData;
import org.barebones.store.domain.event.OrderPlaced;
import org.barebones.store.domain.event.OrderShipped;
import org.barebones.store.domain.event.ProductOutOfStock;
import org.barebones.store.domain.event.StoreEvent;

/**
 * Response body: a store event as API.md spells it, its {@code data} in the same shapes as the
 * API's own answers (an order.placed's data is the buyer's Order).
 */
public record EventResponse(
    String id, String type, @JsonProperty("created_at") String createdAt, Object data) {

  /** The data of an order.shipped event. */
  public record OrderShippedData(
      @JsonProperty("order_id") long orderId,
      @JsonProperty("producer_id") long producerId,
      String tracking,
      @JsonProperty("shipped_at") String shippedAt,
      @JsonProperty("order_status") String orderStatus) {}

  public static EventResponse from(StoreEvent event) {
    return new EventResponse(
        event.id().value(),
        event.type().wireName(),
        event.createdAt().toString(),
        data(event.data()));
  }

  private static Object data(EventData data) {
    if (data instanceof OrderPlaced placed) {
      return OrderResponse.from(placed.order());
    }
    if (data instanceof OrderShipped shipped) {
      return new OrderShippedData(
          shipped.orderId().value(),
          shipped.producerId().value(),
          shipped.tracking().orElse(null),
          shipped.shippedAt().toString(),
          shipped.orderStatus().code());
    }
    if (data instanceof ProductOutOfStock out) {
      return ProductResponse.from(out.product());
    }
    throw new IllegalArgumentException("no JSON shape for " + data.type());
  }
}

package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.barebones.store.domain.event.EventData;
import org.barebones.store.domain.event.OrderCanceled;
import org.barebones.store.domain.event.OrderPlaced;
import org.barebones.store.domain.event.OrderShipped;
import org.barebones.store.domain.event.ProductBackInStock;
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

  /** The data of an order.canceled event. */
  public record OrderCanceledData(
      @JsonProperty("order_id") long orderId,
      @JsonProperty("producer_id") long producerId,
      @JsonProperty("canceled_by") String canceledBy,
      String reason,
      @JsonProperty("canceled_at") String canceledAt,
      @JsonProperty("order_status") String orderStatus,
      List<CanceledLine> lines) {}

  /** One line of an order.canceled event: the units that went back to stock. */
  public record CanceledLine(@JsonProperty("product_id") long productId, int quantity) {}

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
    if (data instanceof OrderCanceled canceled) {
      return new OrderCanceledData(
          canceled.orderId().value(),
          canceled.producerId().value(),
          canceled.canceledBy().code(),
          canceled.reason().orElse(null),
          canceled.canceledAt().toString(),
          canceled.orderStatus().code(),
          canceled.lines().stream()
              .map(l -> new CanceledLine(l.productId().value(), l.quantity()))
              .toList());
    }
    if (data instanceof ProductOutOfStock out) {
      return ProductResponse.from(out.product());
    }
    if (data instanceof ProductBackInStock back) {
      return ProductResponse.from(back.product());
    }
    throw new IllegalArgumentException("no JSON shape for " + data.type());
  }
}

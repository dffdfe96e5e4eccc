package org.barebones.store.domain.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderStatus;
import org.barebones.store.domain.producer.ProducerId;

/**
 * Event data: a producer's part of an order was shipped (once per part), with the order's status
 * right after.
 */
public record OrderShipped(
    OrderId orderId,
    ProducerId producerId,
    Optional<String> tracking,
    Instant shippedAt,
    OrderStatus orderStatus)
    implements EventData {
  public OrderShipped {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(producerId, "producerId");
    Objects.requireNonNull(tracking, "tracking");
    Objects.requireNonNull(shippedAt, "shippedAt");
    Objects.requireNonNull(orderStatus, "orderStatus");
  }

  @Override
  public EventType type() {
    return EventType.ORDER_SHIPPED;
  }
}

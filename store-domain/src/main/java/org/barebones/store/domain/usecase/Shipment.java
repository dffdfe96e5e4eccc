package org.barebones.store.domain.usecase;

import java.util.Objects;
import org.barebones.store.domain.order.OrderStatus;
import org.barebones.store.domain.order.ProducerOrder;

/**
 * Result of shipping a producer's part: the producer's view of the order as it now is, the order's
 * status after it, and whether this very call shipped the part (false when it was already shipped,
 * so a repeat changes nothing and announces nothing).
 */
public record Shipment(
    ProducerOrder producerOrder, OrderStatus orderStatus, boolean shippedByThisCall) {
  public Shipment {
    Objects.requireNonNull(producerOrder, "producerOrder");
    Objects.requireNonNull(orderStatus, "orderStatus");
  }
}

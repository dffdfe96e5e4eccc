package org.barebones.store.domain.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.order.CanceledBy;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.order.OrderStatus;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.ProductId;

/**
 * Event data: a producer's part of an order was canceled (once per part), by whom, why, and the
 * order's status right after; {@code lines} are that part's lines, whose units went back to stock
 * (except those of a product deleted since).
 */
public record OrderCanceled(
    OrderId orderId,
    ProducerId producerId,
    CanceledBy canceledBy,
    Optional<String> reason,
    Instant canceledAt,
    OrderStatus orderStatus,
    List<Line> lines)
    implements EventData {

  /** One canceled line: its product and quantity. */
  public record Line(ProductId productId, int quantity) {
    public Line {
      Objects.requireNonNull(productId, "productId");
      if (quantity < 1) {
        throw new IllegalArgumentException("quantity must be positive: " + quantity);
      }
    }

    public static Line of(OrderLine line) {
      return new Line(line.productId(), line.quantity());
    }
  }

  public OrderCanceled {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(producerId, "producerId");
    Objects.requireNonNull(canceledBy, "canceledBy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(canceledAt, "canceledAt");
    Objects.requireNonNull(orderStatus, "orderStatus");
    lines = List.copyOf(lines);
  }

  @Override
  public EventType type() {
    return EventType.ORDER_CANCELED;
  }
}

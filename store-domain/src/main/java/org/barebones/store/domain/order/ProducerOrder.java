package org.barebones.store.domain.order;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.barebones.store.domain.shared.Money;

/**
 * Value: what one producer sees of an order: its own part and its own lines, never another
 * producer's lines, prices or totals, nor who bought.
 */
public record ProducerOrder(
    OrderId orderId, Instant createdAt, OrderPart part, List<OrderLine> lines) {
  public ProducerOrder {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(part, "part");
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a producer's part of an order has at least one line");
    }
    for (OrderLine line : lines) {
      if (!line.isSoldBy(part.producerId())) {
        throw new IllegalArgumentException(
            "line of product " + line.productId() + " is not this producer's");
      }
    }
  }

  /** The sum of this producer's lines only. */
  public Money total() {
    Money total = Money.zero(lines.get(0).unitPrice().currency());
    for (OrderLine line : lines) {
      total = total.plus(line.lineTotal());
    }
    return total;
  }

  public PartStatus status() {
    return part.status();
  }
}

package org.barebones.store.domain.order;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.shared.Money;

/** Value: an order about to be recorded, before it has an id. Its total is its lines' sum. */
public record NewOrder(CartId cartId, Instant createdAt, List<OrderLine> lines) {
  public NewOrder {
    Objects.requireNonNull(cartId, "cartId");
    Objects.requireNonNull(createdAt, "createdAt");
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("an order has at least one line");
    }
  }

  public Money total() {
    Money total = Money.zero(lines.get(0).unitPrice().currency());
    for (OrderLine line : lines) {
      total = total.plus(line.lineTotal());
    }
    return total;
  }
}

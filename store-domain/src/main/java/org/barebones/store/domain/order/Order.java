package org.barebones.store.domain.order;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.shared.Money;

/** Aggregate: the record of one checkout, which never changes once written. */
public record Order(
    OrderId id, CartId cartId, Money total, Instant createdAt, List<OrderLine> lines) {
  public Order {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(cartId, "cartId");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(createdAt, "createdAt");
    lines = lines.stream().sorted(Comparator.comparing(OrderLine::productId)).toList();
  }

  public boolean wasPlacedBy(CartId cart) {
    return cartId.equals(cart);
  }
}

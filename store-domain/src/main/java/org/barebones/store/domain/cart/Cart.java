package org.barebones.store.domain.cart;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;

/**
 * Aggregate: an anonymous shopping cart. Its {@code cachedPrice} is the sum of its lines, each at
 * the unit price it was last priced at; it does not follow later price changes until the cart is
 * repriced. Once checked out, it names its order and never changes again.
 */
public record Cart(
    CartId id,
    CartStatus status,
    Money cachedPrice,
    List<CartLine> lines,
    Optional<OrderId> orderId,
    Instant createdAt) {

  public Cart {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(cachedPrice, "cachedPrice");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(createdAt, "createdAt");
    lines = lines.stream().sorted(Comparator.comparing(CartLine::productId)).toList();
    if (lines.stream().map(CartLine::productId).collect(Collectors.toSet()).size()
        != lines.size()) {
      throw new IllegalArgumentException("a cart holds each product on one line at most");
    }
    if ((status == CartStatus.CHECKED_OUT) != orderId.isPresent()) {
      throw new IllegalArgumentException("a cart names an order exactly when it is checked out");
    }
  }

  public boolean isOpen() {
    return status == CartStatus.OPEN;
  }

  public boolean isEmpty() {
    return lines.isEmpty();
  }

  public Optional<CartLine> line(ProductId productId) {
    return lines.stream().filter(l -> l.productId().equals(productId)).findFirst();
  }

  public List<ProductId> productIds() {
    return lines.stream().map(CartLine::productId).toList();
  }

  /** The sum of the lines at their recorded unit prices. */
  public Money linesTotal() {
    Money total = Money.zero(cachedPrice.currency());
    for (CartLine line : lines) {
      total = total.plus(line.lineTotal());
    }
    return total;
  }

  /** Throws unless this cart can still change. */
  public void requireOpen() {
    if (!isOpen()) {
      throw new CartCheckedOutException(id);
    }
  }
}

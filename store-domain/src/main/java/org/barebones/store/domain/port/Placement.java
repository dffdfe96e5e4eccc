package org.barebones.store.domain.port;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.product.ProductId;

/**
 * Value: the outcome of {@link OrderRepository#place}: the order, with the stock each of its
 * products has left after the sale; or, when some lines' stock was short, those lines' products and
 * no order.
 */
public record Placement(
    Optional<Order> order, Map<ProductId, Integer> stockLeft, List<ProductId> shortOf) {

  public Placement {
    Objects.requireNonNull(order, "order");
    stockLeft = Map.copyOf(stockLeft);
    shortOf = List.copyOf(shortOf);
    if (order.isPresent() == !shortOf.isEmpty()) {
      throw new IllegalArgumentException("either an order or short lines, not both");
    }
  }

  /** The order was recorded; {@code stockLeft} holds every product of its lines. */
  public static Placement placed(Order order, Map<ProductId, Integer> stockLeft) {
    return new Placement(Optional.of(order), stockLeft, List.of());
  }

  /** Nothing was recorded: these products (in the order's line order) had too little stock. */
  public static Placement refused(List<ProductId> shortOf) {
    return new Placement(Optional.empty(), Map.of(), shortOf);
  }
}

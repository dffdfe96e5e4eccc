package org.barebones.store.domain.usecase;

import java.util.Objects;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.port.OrderRepository;
import org.barebones.store.domain.shared.ForbiddenException;
import org.barebones.store.domain.shared.NotFoundException;

/** Use case: the holder of the cart that placed an order reads it. */
public final class GetOrder {
  private final OrderRepository orders;

  public GetOrder(OrderRepository orders) {
    this.orders = Objects.requireNonNull(orders, "orders");
  }

  public Order get(CartId caller, OrderId id) {
    Order order = orders.findById(id).orElseThrow(() -> new NotFoundException("No order " + id));
    if (!order.wasPlacedBy(caller)) {
      throw new ForbiddenException("Order " + id + " was placed by another shopping cart");
    }
    return order;
  }
}

package org.barebones.store.domain.port;

import java.util.Optional;
import org.barebones.store.domain.order.NewOrder;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;

/** Outgoing port: stores placed orders, which never change. */
public interface OrderRepository {

  /** Records an order and its lines (in one batch) and gives it an id. */
  Order add(NewOrder order);

  Optional<Order> findById(OrderId id);
}

package org.barebones.store.domain.event;

import java.util.Objects;
import org.barebones.store.domain.order.Order;

/** Event data: a checkout committed; {@code order} is the buyer's order as it was placed. */
public record OrderPlaced(Order order) implements EventData {
  public OrderPlaced {
    Objects.requireNonNull(order, "order");
  }

  @Override
  public EventType type() {
    return EventType.ORDER_PLACED;
  }
}

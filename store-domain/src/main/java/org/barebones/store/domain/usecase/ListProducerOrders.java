package org.barebones.store.domain.usecase;

import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.ProducerOrder;
import org.barebones.store.domain.port.OrderRepository;
import org.barebones.store.domain.shared.Page;

/**
 * Use case: a producer lists the orders it sold in, one page at a time, seeing of each only its own
 * part and lines.
 */
public final class ListProducerOrders {
  private final OrderRepository orders;

  public ListProducerOrders(OrderRepository orders) {
    this.orders = Objects.requireNonNull(orders, "orders");
  }

  public Page<ProducerOrder> list(ProducerOrdersQuery query) {
    Ownership.requireSelf(query.caller(), Optional.of(query.producer()));
    Page<Order> page = orders.listByProducer(query.producer(), query.status(), query.page());
    // The repository hands over whole orders; only the producer's own view leaves the domain.
    return page.map(
        order ->
            order
                .viewFor(query.producer())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "order " + order.id() + " listed for a producer with no part in it")));
  }
}

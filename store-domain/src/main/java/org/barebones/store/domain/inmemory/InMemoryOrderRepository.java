package org.barebones.store.domain.inmemory;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.barebones.store.domain.order.NewOrder;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.port.OrderRepository;

/** In-memory adapter: stores placed orders in this process. Thread-safe. */
public final class InMemoryOrderRepository implements OrderRepository {
  private final InMemoryTransactions tx;
  private final Map<Long, Order> byId = new TreeMap<>();
  private final AtomicLong sequence = new AtomicLong();

  public InMemoryOrderRepository(InMemoryTransactions tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Override
  public Order add(NewOrder order) {
    return tx.write(
        () -> {
          Order stored =
              new Order(
                  new OrderId(sequence.incrementAndGet()),
                  order.cartId(),
                  order.total(),
                  order.createdAt(),
                  order.lines());
          tx.put(byId, stored.id().value(), stored);
          return stored;
        });
  }

  @Override
  public Optional<Order> findById(OrderId id) {
    return tx.read(() -> Optional.ofNullable(byId.get(id.value())));
  }
}

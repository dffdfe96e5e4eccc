package org.barebones.store.domain.inmemory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.barebones.store.domain.order.CanceledBy;
import org.barebones.store.domain.order.NewOrder;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderPart;
import org.barebones.store.domain.order.PartStatus;
import org.barebones.store.domain.port.OrderRepository;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;

/** In-memory adapter: stores placed orders in this process. Thread-safe. */
public final class InMemoryOrderRepository implements OrderRepository {
  private final InMemoryTransactions tx;
  private final NavigableMap<Long, Order> byId = new TreeMap<>();
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
                  order.lines(),
                  Order.pendingParts(order.lines()));
          tx.put(byId, stored.id().value(), stored);
          return stored;
        });
  }

  @Override
  public Optional<Order> findById(OrderId id) {
    return tx.read(() -> Optional.ofNullable(byId.get(id.value())));
  }

  @Override
  public Page<Order> listByProducer(
      ProducerId producer, Optional<PartStatus> status, PageRequest page) {
    Objects.requireNonNull(status, "status");
    return tx.read(
        () ->
            Paging.page(
                byId,
                page,
                order ->
                    order
                        .partOf(producer)
                        .filter(part -> status.isEmpty() || part.status() == status.get())
                        .isPresent()));
  }

  @Override
  public boolean markShipped(
      OrderId id, ProducerId producer, Instant at, Optional<String> tracking) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(tracking, "tracking");
    return tx.write(
        () -> {
          Order order = byId.get(id.value());
          if (order == null) {
            return false;
          }
          Optional<OrderPart> part = order.partOf(producer);
          if (part.isEmpty() || !part.get().isPending()) {
            return false;
          }
          List<OrderPart> parts = new ArrayList<>();
          for (OrderPart each : order.parts()) {
            parts.add(each.producerId().equals(producer) ? each.shipped(at, tracking) : each);
          }
          tx.put(
              byId,
              id.value(),
              new Order(
                  order.id(),
                  order.cartId(),
                  order.total(),
                  order.createdAt(),
                  order.lines(),
                  parts));
          return true;
        });
  }

  @Override
  public boolean markCanceled(
      OrderId id, ProducerId producer, Instant at, CanceledBy by, Optional<String> reason) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(reason, "reason");
    return tx.write(
        () -> {
          Order order = byId.get(id.value());
          if (order == null) {
            return false;
          }
          Optional<OrderPart> part = order.partOf(producer);
          if (part.isEmpty() || !part.get().isPending()) {
            return false;
          }
          tx.put(byId, id.value(), order.withPart(producer, p -> p.canceled(at)));
          return true;
        });
  }
}

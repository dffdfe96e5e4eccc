package org.barebones.store.domain.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.barebones.store.domain.event.EventRecorder;
import org.barebones.store.domain.event.OrderShipped;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderCanceledException;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.ProducerOrder;
import org.barebones.store.domain.port.OrderRepository;
import org.barebones.store.domain.port.Transactions;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.NotFoundException;

/**
 * Use case: a producer ships its part of an order. Idempotent: a part already shipped stays as it
 * is (its first tracking included). Of concurrent shipments of one part, exactly one ships it (a
 * conditional update in the repository) and only that one reports {@link
 * Shipment#shippedByThisCall()}. A canceled part cannot be shipped ({@link
 * OrderCanceledException}). An order the producer sold nothing in is not found for it.
 */
public final class ShipOrder {
  private final OrderRepository orders;
  private final Transactions transactions;
  private final EventRecorder events;
  private final Clock clock;

  public ShipOrder(
      OrderRepository orders, Transactions transactions, EventRecorder events, Clock clock) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Shipment ship(ShipOrderCommand command) {
    return transactions.inTransaction(
        () -> {
          Shipment shipment = shipInUnitOfWork(command);
          // In the same unit of work, and only when this very call shipped the part: a repeat, a
          // racing call that lost, or a refusal records nothing.
          if (shipment.shippedByThisCall()) {
            ProducerOrder part = shipment.producerOrder();
            events.record(
                new OrderShipped(
                    part.orderId(),
                    command.caller(),
                    part.part().tracking(),
                    part.part().shippedAt().orElseThrow(),
                    shipment.orderStatus()));
          }
          return shipment;
        });
  }

  private Shipment shipInUnitOfWork(ShipOrderCommand command) {
    ProducerId producer = command.caller();
    OrderId id = command.orderId();
    if (!find(id).hasPartOf(producer)) {
      throw notFound(id);
    }
    // Databases keep microseconds; the answer shows what a later read gives.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    boolean shippedNow = orders.markShipped(id, producer, now, command.tracking());
    Order order = find(id);
    ProducerOrder view = order.viewFor(producer).orElseThrow(() -> notFound(id));
    if (view.part().isCanceled()) {
      // Canceled before, or by a cancellation that won the race: nothing ships, nothing changed.
      throw new OrderCanceledException(id);
    }
    return new Shipment(view, order.status(), shippedNow);
  }

  private Order find(OrderId id) {
    return orders.findById(id).orElseThrow(() -> notFound(id));
  }

  private static NotFoundException notFound(OrderId id) {
    // The same answer whether the order is missing or someone else's: a producer learns nothing
    // of orders it has no part in.
    return new NotFoundException("No order " + id + " holds a line of this producer");
  }
}

package org.barebones.store.domain.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.barebones.store.domain.event.EventRecorder;
import org.barebones.store.domain.event.OrderCanceled;
import org.barebones.store.domain.event.ProductBackInStock;
import org.barebones.store.domain.order.AlreadyShippedException;
import org.barebones.store.domain.order.CanceledBy;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderPart;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.port.CancellationListener;
import org.barebones.store.domain.port.OrderRepository;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.port.Restock;
import org.barebones.store.domain.port.Transactions;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.ForbiddenException;
import org.barebones.store.domain.shared.NotFoundException;

/**
 * Use case: an order, or part of it, is canceled and its stock comes back. The buyer (the holder of
 * the cart that placed it) cancels every part still pending; a producer cancels its own part, if
 * pending. In one unit of work the parts are canceled by a conditional update (so that of a
 * cancellation and a shipment racing for one part exactly one happens), each canceled line's
 * quantity goes back to its product's stock (in ascending product id, as checkouts take it), and
 * the events are recorded: {@code order.canceled} per canceled part, {@code product.back_in_stock}
 * per product the restock raised from 0.
 *
 * <p>Nothing asked for still pending and nothing of it canceled (it all shipped): {@link
 * AlreadyShippedException}. A repeat of a cancellation answers the order as it is and changes
 * nothing. An order a producer sold nothing in is not found for it.
 */
public final class CancelOrder {
  private final OrderRepository orders;
  private final ProductRepository products;
  private final Transactions transactions;
  private final EventRecorder events;
  private final Clock clock;
  private final CancellationListener listener;

  public CancelOrder(
      OrderRepository orders,
      ProductRepository products,
      Transactions transactions,
      EventRecorder events,
      Clock clock,
      CancellationListener listener) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.products = Objects.requireNonNull(products, "products");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  public Cancellation cancel(CancelOrderCommand command) {
    Cancellation done = transactions.inTransaction(() -> cancelInUnitOfWork(command));
    if (!done.canceledByThisCall().isEmpty()) {
      listener.canceled(done.order(), done.canceledByThisCall().size(), done.unitsRestocked());
    }
    return done;
  }

  private Cancellation cancelInUnitOfWork(CancelOrderCommand command) {
    OrderId id = command.orderId();
    Order before = orders.findById(id).orElseThrow(() -> notFound(command.caller(), id));
    List<ProducerId> asked = askedFor(command.caller(), before);
    CanceledBy by =
        command.caller() instanceof Caller.CartHolder ? CanceledBy.BUYER : CanceledBy.PRODUCER;
    // Databases keep microseconds; the answer and the event show what a later read gives.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Restock restock = Restock.NOTHING;
    if (asked.stream().anyMatch(p -> before.partOf(p).map(OrderPart::isPending).orElse(false))) {
      restock = orders.cancelPending(id, asked, now, by, command.reason(), products);
    }
    Order after = orders.findById(id).orElseThrow(() -> notFound(command.caller(), id));
    boolean anyCanceled =
        asked.stream().anyMatch(p -> after.partOf(p).map(OrderPart::isCanceled).orElse(false));
    if (!anyCanceled) {
      // Every part asked for is shipped (or was shipped by a racing call): nothing changed.
      throw new AlreadyShippedException(id);
    }
    for (ProducerId producer : restock.canceled()) {
      events.record(
          new OrderCanceled(
              id,
              producer,
              by,
              command.reason(),
              now,
              after.status(),
              after.linesOf(producer).stream().map(OrderCanceled.Line::of).toList()));
    }
    List<Product> backInStock =
        products.findAllById(restock.backInStock()).values().stream()
            .filter(p -> p.inventoryCount() > 0)
            .sorted((a, b) -> a.id().compareTo(b.id()))
            .toList();
    for (Product product : backInStock) {
      events.record(new ProductBackInStock(product));
    }
    return new Cancellation(after, command.caller(), restock.canceled(), restock.units());
  }

  /** The producers whose parts the caller may cancel: all for the buyer, its own for a producer. */
  private static List<ProducerId> askedFor(Caller caller, Order order) {
    if (caller instanceof Caller.CartHolder holder) {
      if (!order.wasPlacedBy(holder.cartId())) {
        throw new ForbiddenException(
            "Order " + order.id() + " was placed by another shopping cart");
      }
      return order.parts().stream().map(OrderPart::producerId).toList();
    }
    ProducerId producer = ((Caller.ProducerCaller) caller).producerId();
    if (!order.hasPartOf(producer)) {
      throw notFound(caller, order.id());
    }
    return List.of(producer);
  }

  private static NotFoundException notFound(Caller caller, OrderId id) {
    // A producer learns nothing of orders it has no part in: missing and someone else's look alike.
    return caller instanceof Caller.CartHolder
        ? new NotFoundException("No order " + id)
        : new NotFoundException("No order " + id + " holds a line of this producer");
  }
}

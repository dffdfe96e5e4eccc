package org.barebones.store.domain.port;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.barebones.store.domain.order.CanceledBy;
import org.barebones.store.domain.order.NewOrder;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.order.PartStatus;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;

/**
 * Outgoing port: stores placed orders. Their lines never change; each producer's part of an order
 * changes once, when it is shipped or canceled.
 */
public interface OrderRepository {

  /**
   * Records an order and its lines (in one batch), with one pending part per producer of its lines,
   * and gives it an id.
   */
  Order add(NewOrder order);

  /**
   * Places {@code order} for its open cart, all or nothing, inside the caller's unit of work (which
   * holds the cart's lock): takes each line's quantity out of its product's stock by an atomic
   * conditional decrement ({@link ProductRepository#takeStock}), in the order of the lines (the
   * caller sorts them by product id, so that checkouts cannot deadlock); and only if every line's
   * stock was taken, records the order as {@link #add} does and marks its cart checked out naming
   * it ({@link CartRepository#markCheckedOut}).
   *
   * <p>If some line is short, no order is recorded and the cart stays open, but the units of the
   * other lines may already be taken: the caller must then end its unit of work by a failure, which
   * undoes them. Each line is tried, so that every short line is reported.
   *
   * <p>This default composes the three ports it is given, one call at a time. An adapter may
   * override it to do the same in fewer round trips when {@code products} and {@code carts} are its
   * own and a unit of work is open, and must otherwise fall back to this composition.
   *
   * @return the order with each product's stock left after the sale, or the short lines' products
   */
  default Placement place(NewOrder order, ProductRepository products, CartRepository carts) {
    List<ProductId> shortOf = new ArrayList<>();
    List<ProductId> ids = new ArrayList<>(order.lines().size());
    for (OrderLine line : order.lines()) {
      ids.add(line.productId());
      if (!products.takeStock(line.productId(), line.quantity())) {
        shortOf.add(line.productId());
      }
    }
    if (!shortOf.isEmpty()) {
      return Placement.refused(shortOf);
    }
    Map<ProductId, Integer> stockLeft = new HashMap<>();
    for (Product product : products.findAllById(ids).values()) {
      stockLeft.put(product.id(), product.inventoryCount());
    }
    Order placed = add(order);
    carts.markCheckedOut(order.cartId(), placed.id());
    return Placement.placed(placed, stockLeft);
  }

  /** The order with every line and part. */
  Optional<Order> findById(OrderId id);

  /**
   * The orders in which {@code producer} has a part (in {@code status}, if given), whole, in
   * ascending order id, one keyset page at a time. The caller shows the producer only its part.
   */
  Page<Order> listByProducer(ProducerId producer, Optional<PartStatus> status, PageRequest page);

  /**
   * Marks {@code producer}'s part of {@code order} shipped at {@code at} with {@code tracking},
   * only if it is still pending, atomically: of concurrent calls for one part exactly one changes
   * it. Answers whether this call did; false if the part was already shipped or does not exist.
   */
  boolean markShipped(OrderId order, ProducerId producer, Instant at, Optional<String> tracking);

  /**
   * Marks {@code producer}'s part of {@code order} canceled at {@code at} (keeping {@code reason}
   * and who canceled it), only if it is still pending, atomically: of concurrent cancellations and
   * shipments of one part exactly one changes it. Answers whether this call did. Gives no stock
   * back: see {@link #cancelPending}.
   */
  boolean markCanceled(
      OrderId order, ProducerId producer, Instant at, CanceledBy by, Optional<String> reason);

  /**
   * Cancels those of {@code producers}' parts of {@code order} that are still pending, inside the
   * caller's unit of work, and gives each canceled line's quantity back to its product's stock
   * ({@link ProductRepository#returnStock}) in ascending product id, the order in which checkouts
   * take stock, so that a cancellation and a checkout cannot deadlock. A line whose product is gone
   * gives nothing back. A part that is shipped, canceled already, or lost a race to a shipment is
   * left as it is and gives nothing back.
   *
   * <p>This default composes the ports one call at a time; an adapter may do the same in fewer
   * round trips when {@code products} is its own and a unit of work is open.
   */
  default Restock cancelPending(
      OrderId order,
      Collection<ProducerId> producers,
      Instant at,
      CanceledBy by,
      Optional<String> reason,
      ProductRepository products) {
    List<ProducerId> canceled = new ArrayList<>();
    for (ProducerId producer : new TreeSet<>(producers)) {
      if (markCanceled(order, producer, at, by, reason)) {
        canceled.add(producer);
      }
    }
    if (canceled.isEmpty()) {
      return Restock.NOTHING;
    }
    Order stored =
        findById(order).orElseThrow(() -> new IllegalStateException("order " + order + " is gone"));
    Map<ProductId, Integer> returned = new HashMap<>();
    Map<ProductId, Integer> stockAfter = new HashMap<>();
    for (OrderLine line : stored.lines()) { // ascending product id
      if (line.producerId().filter(canceled::contains).isEmpty()) {
        continue;
      }
      OptionalInt after = products.returnStock(line.productId(), line.quantity());
      if (after.isPresent()) {
        returned.put(line.productId(), line.quantity());
        stockAfter.put(line.productId(), after.getAsInt());
      }
    }
    return new Restock(canceled, returned, stockAfter);
  }
}

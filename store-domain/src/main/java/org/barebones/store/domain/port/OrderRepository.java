package org.barebones.store.domain.port;

import java.time.Instant;
import java.util.Optional;
import org.barebones.store.domain.order.NewOrder;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.PartStatus;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;

/**
 * Outgoing port: stores placed orders. Their lines never change; each producer's part of an order
 * changes once, when it is shipped.
 */
public interface OrderRepository {

  /**
   * Records an order and its lines (in one batch), with one pending part per producer of its lines,
   * and gives it an id.
   */
  Order add(NewOrder order);

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
}

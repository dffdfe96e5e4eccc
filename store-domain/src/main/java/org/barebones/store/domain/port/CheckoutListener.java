package org.barebones.store.domain.port;

import org.barebones.store.domain.order.Order;

/**
 * Port: told how checkouts end, for counters such as a server's metrics. Called after the unit of
 * work, on the checking-out thread; it must be quick and must not throw.
 */
public interface CheckoutListener {

  /** Listens to nothing. */
  CheckoutListener NONE = new CheckoutListener() {};

  /** Why a checkout sold nothing, among the refusals worth counting. */
  enum Refusal {
    /** A line asked for more than was in stock. */
    INSUFFICIENT_STOCK,
    /** The total differed from the {@code expected_total} the buyer was shown. */
    PRICE_CHANGED
  }

  /** A new order was committed (once per order: a repeated checkout is not told again). */
  default void orderPlaced(Order order) {}

  /** A checkout was refused and changed nothing. */
  default void checkoutRefused(Refusal refusal) {}
}

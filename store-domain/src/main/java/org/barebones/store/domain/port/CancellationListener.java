package org.barebones.store.domain.port;

import org.barebones.store.domain.order.Order;

/**
 * Port: told of the cancellations that committed, for counters such as a server's metrics. Called
 * after the unit of work, on the canceling thread; it must be quick and must not throw.
 */
public interface CancellationListener {

  /** Listens to nothing. */
  CancellationListener NONE = new CancellationListener() {};

  /**
   * {@code parts} parts of {@code order} were canceled by one call (once: a repeat is not told
   * again), and {@code unitsRestocked} units went back to stock.
   */
  default void canceled(Order order, int parts, int unitsRestocked) {}
}

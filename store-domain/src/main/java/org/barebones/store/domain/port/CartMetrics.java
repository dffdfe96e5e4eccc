package org.barebones.store.domain.port;

/**
 * Outgoing port: counts what happens to carts, for monitoring (carts opened, refused by the
 * creation limit, expired by the idle sweep). Every method does nothing unless overridden.
 */
public interface CartMetrics {

  /** Counts nothing. */
  CartMetrics NONE = new CartMetrics() {};

  default void opened() {}

  default void refused() {}

  default void expired(int carts) {}
}

package org.barebones.store.domain.port;

import java.util.function.Supplier;

/**
 * Outgoing port: runs a unit of work atomically. Every repository call made by {@code work} on the
 * calling thread takes part; if {@code work} throws, none of its changes remain.
 */
public interface Transactions {

  /**
   * Runs {@code work} in one unit of work and returns its result. An adapter may run {@code work}
   * more than once when the database asks for a retry (a deadlock or serialization failure), so
   * {@code work} must have no effects outside the repositories. A nested call joins the outer unit
   * of work.
   */
  <T> T inTransaction(Supplier<T> work);
}

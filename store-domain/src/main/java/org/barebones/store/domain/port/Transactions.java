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

  /**
   * Runs {@code work} as a unit of work that may share its commit with other callers' units given
   * an equal {@code key}, so that many units contending for the same rows take those rows' locks
   * and pay the commit once between them instead of once each. The key names what the work contends
   * for (for a checkout, the products of its cart): units with different keys are never grouped, so
   * work on different rows still runs side by side. A key that turns out wrong (the rows changed
   * since it was read) costs only speed, never correctness. The promises are those of {@link
   * #inTransaction} for each unit on its own:
   *
   * <ul>
   *   <li>all or nothing: if {@code work} throws, its changes are undone and the exception is
   *       thrown to its caller, while the other units sharing the commit keep theirs;
   *   <li>the result is given back only after the commit that made the work durable;
   *   <li>a commit that fails reaches every unit in it: each is run again or fails.
   * </ul>
   *
   * <p>{@code work} may run on another thread than the caller's (the one that commits for the
   * group), so it must depend on nothing held by the calling thread but what it captures, and, as
   * for {@link #inTransaction}, may run more than once. A nested call joins the outer unit of work.
   * By default each unit commits alone.
   */
  default <T> T inSharedTransaction(Object key, Supplier<T> work) {
    return inTransaction(work);
  }
}

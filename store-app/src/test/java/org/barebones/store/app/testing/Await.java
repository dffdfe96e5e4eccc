package org.barebones.store.app.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Test support: waits for a condition instead of sleeping; polls it every 50 ms (exceptions count
 * as "not yet") and fails with what was waited for and the last value seen.
 */
public final class Await {

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private Await() {}

  /** Waits until {@code condition} holds. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    until(what, timeout, condition::getAsBoolean, ok -> ok);
  }

  /**
   * Reads {@code value} until {@code done} accepts it and returns that value.
   *
   * @throws AssertionError naming {@code what} and the last value (or exception) seen
   */
  public static <T> T until(
      String what, Duration timeout, Supplier<T> value, Predicate<? super T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Object last = "nothing yet";
    while (true) {
      try {
        T seen = value.get();
        if (done.test(seen)) {
          return seen;
        }
        last = seen;
      } catch (RuntimeException e) {
        last = e;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError(
            "waited " + timeout.toMillis() + " ms for " + what + "; last seen: " + last);
      }
      // The poll interval: what is awaited has no event to wait on, so it is read again shortly.
      LockSupport.parkNanos(POLL_NANOS);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what);
      }
    }
  }
}

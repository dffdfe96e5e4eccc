package org.barebones.store.persistence;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.barebones.store.domain.port.Transactions;
import org.barebones.store.domain.shared.StoreUnavailableException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter: runs units of work as database transactions on one JDBI {@link Handle} per thread, which
 * every JDBI repository built on this object joins.
 *
 * <p>The handle is held explicitly in a thread-local rather than through JDBI's nested managed
 * handles, so which connection a repository call uses never depends on how it was reached. The
 * transaction runs at the connection's default isolation (READ COMMITTED on PostgreSQL and H2):
 * stock is taken by conditional updates and carts are locked with {@code SELECT ... FOR UPDATE}, so
 * nothing relies on a stronger level; a stronger one also works, as its serialization failures are
 * retried.
 */
public final class JdbiTransactions implements Transactions {

  /** Attempts of one unit of work, the first included, before giving up on a busy database. */
  static final int MAX_ATTEMPTS = 6;

  private static final Logger LOG = LoggerFactory.getLogger(JdbiTransactions.class);

  private final Jdbi jdbi;
  private final ThreadLocal<Handle> current = new ThreadLocal<>();
  private final AtomicLong retries = new AtomicLong();

  public JdbiTransactions(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    return atomically(handle -> work.get());
  }

  /** How many times a unit of work has been run again since this object was made. */
  long retries() {
    return retries.get();
  }

  /** Whether the calling thread is inside a unit of work. */
  boolean isInTransaction() {
    return current.get() != null;
  }

  /**
   * Runs {@code callback} on the current unit of work's handle, or else on a short-lived handle of
   * its own in auto-commit mode: for reads of one statement, which need no transaction.
   */
  <T> T withHandle(HandleCallback<T, RuntimeException> callback) {
    Handle handle = current.get();
    if (handle != null) {
      return callback.withHandle(handle);
    }
    try {
      return jdbi.withHandle(callback);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /**
   * Runs {@code callback} on the current unit of work's handle, or else in a unit of work of its
   * own, retried like any other: for writes, so that several statements are all or nothing and a
   * lock conflict is retried even when the caller did not open a unit of work.
   */
  <T> T atomically(HandleCallback<T, RuntimeException> callback) {
    Handle joined = current.get();
    if (joined != null) {
      return callback.withHandle(joined);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return runOnce(callback);
      } catch (RuntimeException e) {
        if (!SqlErrors.isRetryable(e)) {
          throw translate(e);
        }
        if (attempt == MAX_ATTEMPTS) {
          LOG.warn("Giving up a unit of work after {} attempts", attempt, e);
          throw new StoreUnavailableException(
              "The database stayed too busy to complete the request; try again", e);
        }
        retries.incrementAndGet();
        LOG.debug("Retrying a unit of work after attempt {}: {}", attempt, e.toString());
        backOff(attempt);
      }
    }
  }

  private <T> T runOnce(HandleCallback<T, RuntimeException> callback) {
    try (Handle handle = jdbi.open()) {
      current.set(handle);
      try {
        handle.begin();
        T result = callback.withHandle(handle);
        handle.commit();
        return result;
      } catch (RuntimeException | Error e) {
        rollbackQuietly(handle, e);
        throw e;
      } finally {
        current.remove();
      }
    }
  }

  private static void rollbackQuietly(Handle handle, Throwable failure) {
    try {
      if (!handle.isClosed() && handle.isInTransaction()) {
        handle.rollback();
      }
    } catch (RuntimeException e) {
      // A rollback on a broken connection fails too; the first failure is the one that matters.
      failure.addSuppressed(e);
    }
  }

  /** Randomised exponential pause, so that the transactions that collided do not collide again. */
  private static void backOff(int attempt) {
    long ceilingMillis = 2L << Math.min(attempt, 6);
    try {
      Thread.sleep(1 + ThreadLocalRandom.current().nextLong(ceilingMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("Interrupted while waiting to retry", e);
    }
  }

  /** Connection failures become the domain's "unavailable"; everything else is left as it is. */
  private static RuntimeException translate(RuntimeException e) {
    if (e instanceof StoreUnavailableException || !SqlErrors.isUnavailable(e)) {
      return e;
    }
    return new StoreUnavailableException("The database cannot be reached right now", e);
  }
}

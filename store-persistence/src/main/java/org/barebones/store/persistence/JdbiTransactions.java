package org.barebones.store.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.barebones.store.domain.port.Transactions;
import org.barebones.store.domain.shared.StoreUnavailableException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionException;
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
 *
 * <p>Units that may share a commit ({@link #inSharedTransaction}) are grouped per node and per key
 * by {@link SharedCommits} and run by the group's leader in one transaction, each inside a
 * savepoint of its own: a unit that fails is rolled back to its savepoint and answered with its
 * failure, the others stay, and all of them are answered after the one commit. Units that all want
 * one row (checkouts of a product on sale) then take its lock and pay the commit once per group
 * instead of once each, which is what bounds their rate when they run one after the other.
 */
public final class JdbiTransactions implements Transactions {

  /** Attempts of one unit of work, the first included, before giving up on a busy database. */
  static final int MAX_ATTEMPTS = 6;

  private static final Logger LOG = LoggerFactory.getLogger(JdbiTransactions.class);

  private final Jdbi jdbi;
  private final ThreadLocal<Handle> current = new ThreadLocal<>();
  private final AtomicLong retries = new AtomicLong();
  private final SharedCommits shared = new SharedCommits(MAX_SHARED_UNITS, this::runGroup);

  /**
   * The most units that share one transaction. Each unit's savepoint is a subtransaction, and
   * PostgreSQL keeps the ids of up to 64 of them per transaction in shared memory; beyond that
   * every snapshot taken in the database has to look them up on disk, slowing everyone.
   */
  static final int MAX_SHARED_UNITS = 64;

  private static final String UNIT_SAVEPOINT = "shared_unit";

  /**
   * Whether each unit of a group runs inside a savepoint of its own. Only a control case turns this
   * off, to show what a group without them would break.
   */
  private volatile boolean savepoints = true;

  public JdbiTransactions(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    return atomically(handle -> work.get());
  }

  @Override
  public <T> T inSharedTransaction(Object key, Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    if (current.get() != null) {
      return work.get();
    }
    return shared.submit(key, work);
  }

  /** Shared groups run since this object was made: one transaction each, retries aside. */
  long sharedGroups() {
    return shared.groups();
  }

  /** Units run in shared groups since this object was made. */
  long sharedUnits() {
    return shared.units();
  }

  /** Units queued for the next shared group. */
  int sharedWaiting() {
    return shared.waiting();
  }

  /** The most units one shared group has held. */
  long largestSharedGroup() {
    return shared.largestGroup();
  }

  /** For a control case only: runs the units of a group without savepoints (so, wrongly). */
  void runSharedUnitsWithoutSavepoints() {
    savepoints = false;
  }

  /**
   * Runs a group of units in one transaction and settles each. A group of one is an ordinary unit
   * of work, without a savepoint. A failure of the transaction as a whole (a deadlock, a commit
   * that fails) is retried for the whole group, whose units may all run again, or else reaches
   * every unit.
   */
  private void runGroup(List<SharedCommits.Unit<?>> group) {
    if (group.size() == 1) {
      SharedCommits.Unit<?> alone = group.get(0);
      try {
        alone.succeed(atomically(handle -> alone.run()));
      } catch (RuntimeException | Error e) {
        alone.fail(e);
      }
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        Outcome[] outcomes = runGroupOnce(group);
        for (int i = 0; i < outcomes.length; i++) {
          if (outcomes[i].failure() == null) {
            group.get(i).succeed(outcomes[i].result());
          } else {
            group.get(i).fail(outcomes[i].failure());
          }
        }
        return;
      } catch (RuntimeException e) {
        if (!SqlErrors.isRetryable(e)) {
          for (SharedCommits.Unit<?> unit : group) {
            unit.fail(translate(e));
          }
          return;
        }
        if (attempt == MAX_ATTEMPTS) {
          LOG.warn("Giving up a group of {} units of work after {} attempts", group.size(), e);
          for (SharedCommits.Unit<?> unit : group) {
            unit.fail(
                new StoreUnavailableException(
                    "The database stayed too busy to complete the request; try again", e));
          }
          return;
        }
        retries.incrementAndGet();
        LOG.debug("Retrying a group of units of work after attempt {}: {}", attempt, e.toString());
        backOff(attempt);
      }
    }
  }

  /** What one unit of a group did in one attempt: kept only if the group's commit succeeds. */
  private record Outcome(Object result, Throwable failure) {}

  private Outcome[] runGroupOnce(List<SharedCommits.Unit<?>> group) {
    Outcome[] outcomes = new Outcome[group.size()];
    try (Handle handle = jdbi.open()) {
      current.set(handle);
      try {
        handle.begin();
        for (int i = 0; i < outcomes.length; i++) {
          outcomes[i] = runUnit(handle, group.get(i));
        }
        handle.commit();
        return outcomes;
      } catch (RuntimeException | Error e) {
        rollbackQuietly(handle, e);
        throw e;
      } finally {
        current.remove();
      }
    }
  }

  /**
   * Runs one unit inside a savepoint. Its own failure undoes it alone; a retryable failure (a
   * deadlock, a serialization failure) is thrown on, so that the whole group runs again in a fresh
   * transaction rather than going on holding locks another transaction waits for.
   */
  private Outcome runUnit(Handle handle, SharedCommits.Unit<?> unit) {
    Connection connection = handle.getConnection();
    Savepoint savepoint = savepoints ? jdbc(() -> connection.setSavepoint(UNIT_SAVEPOINT)) : null;
    Object result;
    try {
      result = unit.run();
    } catch (RuntimeException | Error e) {
      if (e instanceof RuntimeException r && SqlErrors.isRetryable(r)) {
        throw r;
      }
      if (savepoint != null) {
        try {
          // Released too, so that the savepoints of refused units do not nest ever deeper.
          jdbc(
              () -> {
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
                return null;
              });
        } catch (RuntimeException rollbackFailure) {
          rollbackFailure.addSuppressed(e);
          throw rollbackFailure;
        }
      }
      return new Outcome(null, e instanceof RuntimeException r ? translate(r) : e);
    }
    if (savepoint != null) {
      jdbc(
          () -> {
            connection.releaseSavepoint(savepoint);
            return null;
          });
    }
    return new Outcome(result, null);
  }

  private interface JdbcCall<T> {
    T call() throws SQLException;
  }

  private static <T> T jdbc(JdbcCall<T> call) {
    try {
      return call.call();
    } catch (SQLException e) {
      throw new TransactionException("A savepoint of a shared unit of work failed", e);
    }
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

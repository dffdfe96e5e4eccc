package org.barebones.store.persistence;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;

/** Reads what went wrong from a JDBC failure, whatever JDBI wrapped it in. */
final class SqlErrors {

  static final String UNIQUE_VIOLATION = "23505";

  /**
   * A row names a parent that does not exist, or a parent still has children. PostgreSQL says 23503
   * for both; H2 says 23506 for the first.
   */
  private static final Set<String> FOREIGN_KEY_VIOLATION = Set.of("23503", "23506");

  /**
   * Failures after which running the whole unit of work again may succeed: serialization failure
   * (40001, which H2 also reports for a deadlock), PostgreSQL's deadlock (40P01), and H2's lock
   * timeout (HYT00), concurrent update (90131) and row deleted by another transaction meanwhile
   * (90112).
   */
  private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "HYT00", "90131", "90112");

  /**
   * H2's connection broken (90067), database closed (90098) and closing (90121): as good as a lost
   * connection. PostgreSQL reports those in SQLState class 08.
   */
  private static final Set<String> H2_UNAVAILABLE = Set.of("90067", "90098", "90121");

  /**
   * PostgreSQL ending or refusing sessions: administrator shutdown (57P01, what a stopping server
   * sends to every session), crash shutdown (57P02) and "cannot connect now" (57P03, starting up or
   * shutting down).
   */
  private static final Set<String> POSTGRES_SHUTTING_DOWN = Set.of("57P01", "57P02", "57P03");

  private SqlErrors() {}

  /** The SQLState of the first SQLException in {@code failure}'s causes that has one. */
  static Optional<String> sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
          if (e.getSQLState() != null) {
            return Optional.of(e.getSQLState());
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  static boolean hasSqlState(Throwable failure, String state) {
    return sqlState(failure).filter(state::equals).isPresent();
  }

  static boolean isForeignKeyViolation(Throwable failure) {
    return sqlState(failure).filter(FOREIGN_KEY_VIOLATION::contains).isPresent();
  }

  static boolean isRetryable(Throwable failure) {
    return failure instanceof RetryableConflict
        || sqlState(failure).filter(RETRYABLE::contains).isPresent();
  }

  /** Whether the database could not be reached or the connection broke. */
  static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectionException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return sqlState(failure)
        .filter(
            s ->
                s.startsWith("08")
                    || H2_UNAVAILABLE.contains(s)
                    || POSTGRES_SHUTTING_DOWN.contains(s))
        .isPresent();
  }

  /** Thrown by a repository to ask for the whole unit of work to run again. */
  static final class RetryableConflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RetryableConflict(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

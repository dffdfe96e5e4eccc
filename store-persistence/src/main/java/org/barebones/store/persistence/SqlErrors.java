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
   * and deadlock (PostgreSQL and H2 both use 40001 for the first; 40P01 is PostgreSQL's deadlock),
   * H2's lock timeout (HYT00) and H2's "concurrent update" (90131).
   */
  private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "HYT00", "90131");

  /** H2's "database is already closed" is as good as a lost connection. */
  private static final String H2_DATABASE_CLOSED = "90121";

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
        .filter(s -> s.startsWith("08") || s.equals(H2_DATABASE_CLOSED))
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

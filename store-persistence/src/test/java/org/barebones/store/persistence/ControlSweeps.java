package org.barebones.store.persistence;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.barebones.store.domain.contract.CartExpiryContract;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Test support: deliberately broken idle-cart sweeps, which the expiry race must catch. */
final class ControlSweeps {
  private ControlSweeps() {}

  /**
   * Chooses the idle carts in one unit of work and deletes them by id in another, without locking
   * them or checking again that they are still open and idle: a cart checked out or changed in
   * between is deleted all the same.
   */
  static CartExpiryContract.Sweep chooseThenDelete(Jdbi jdbi) {
    return (changedBefore, limit) -> {
      OffsetDateTime before = OffsetDateTime.ofInstant(changedBefore, ZoneOffset.UTC);
      List<Long> idle =
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          "SELECT id FROM shopping_cart WHERE changed_at < :before"
                              + " AND status = 'open' ORDER BY changed_at LIMIT :limit")
                      .bind("before", before)
                      .bind("limit", limit)
                      .mapTo(Long.class)
                      .list());
      if (idle.isEmpty()) {
        return 0;
      }
      try {
        return jdbi.withHandle(
            h ->
                h.createUpdate("DELETE FROM shopping_cart WHERE id = ANY(:ids)")
                    .bindArray("ids", Long.class, idle)
                    .execute());
      } catch (UnableToExecuteStatementException e) {
        // Unlocked, this delete can deadlock with the requests it races (PostgreSQL's 40P01, H2's
        // 40001: SQLSTATE class 40, transaction rollback); the database then aborts this batch,
        // which deleted nothing, and the next batch goes on. The race must end in the broken
        // sweep's violations, not in the deadlock's exception.
        if (e.getCause() instanceof SQLException sql
            && sql.getSQLState() != null
            && sql.getSQLState().startsWith("40")) {
          return 0;
        }
        throw e;
      }
    };
  }
}

package org.barebones.store.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Plain JDBC on a JDBI handle's connection, for the statements of the hot paths (listing, cart,
 * checkout). The handle still owns the connection and its transaction; only the statement skips
 * JDBI's per-statement machinery (a configuration copy, argument and mapper resolution by reflected
 * generic types), a large share of the cost of these short, frequent statements. Parameters are
 * positional ({@code ?}) and set by type; columns are read by position.
 *
 * <p>A failure is rethrown as {@link JdbcException} with the driver's {@link SQLException} as its
 * cause, where {@link SqlErrors} reads its SQL state like that of any JDBI failure.
 */
final class Jdbc {

  /** Sets a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Reads the current row of a result set. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** A statement of the hot paths failed; the cause is the driver's exception. */
  static final class JdbcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JdbcException(String sql, SQLException cause) {
      super(cause.getMessage() + " [statement: " + sql + "]", cause);
    }
  }

  private Jdbc() {}

  /** Every row of the query, read by {@code reader}. */
  static <T> List<T> list(Handle handle, String sql, Binder binder, RowReader<T> reader) {
    try (PreparedStatement statement = handle.getConnection().prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
          result.add(reader.read(rows));
        }
        return result;
      }
    } catch (SQLException e) {
      throw new JdbcException(sql, e);
    }
  }

  /** The query's first row, read by {@code reader}, if any. */
  static <T> Optional<T> first(Handle handle, String sql, Binder binder, RowReader<T> reader) {
    try (PreparedStatement statement = handle.getConnection().prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(reader.read(rows)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new JdbcException(sql, e);
    }
  }

  /** Runs an INSERT, UPDATE, DELETE or MERGE; answers the rows it changed. */
  static int update(Handle handle, String sql, Binder binder) {
    try (PreparedStatement statement = handle.getConnection().prepareStatement(sql)) {
      binder.bind(statement);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new JdbcException(sql, e);
    }
  }

  /** Runs an INSERT of one row and answers the value the database generated for {@code column}. */
  static long insertReturningKey(Handle handle, String sql, String column, Binder binder) {
    Connection connection = handle.getConnection();
    try (PreparedStatement statement = connection.prepareStatement(sql, new String[] {column})) {
      binder.bind(statement);
      statement.executeUpdate();
      try (ResultSet keys = statement.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new IllegalStateException("no generated " + column + " for: " + sql);
        }
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new JdbcException(sql, e);
    }
  }

  /** A nullable {@code BIGINT} column as a {@code Long}. */
  static Long nullableLong(ResultSet row, int column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  /** Sets a nullable {@code BIGINT} parameter. */
  static void setNullableLong(PreparedStatement statement, int index, Long value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }
}

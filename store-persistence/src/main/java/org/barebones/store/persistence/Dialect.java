package org.barebones.store.persistence;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The SQL dialects the adapters speak: PostgreSQL's own, where a statement may say more ({@code
 * RETURNING}, data-modifying {@code WITH}), and the generic SQL that PostgreSQL and H2 in
 * PostgreSQL mode both run.
 */
enum Dialect {
  POSTGRESQL,
  GENERIC;

  /** The dialect of the database behind {@code jdbi}, or empty if it cannot be reached now. */
  static Optional<Dialect> of(Jdbi jdbi) {
    try {
      return Optional.of(jdbi.withHandle(Dialect::of));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The dialect of {@code handle}'s database, from its driver's metadata (no round trip). */
  static Dialect of(Handle handle) {
    try {
      String product = handle.getConnection().getMetaData().getDatabaseProductName();
      return product.toLowerCase(Locale.ROOT).contains("postgresql") ? POSTGRESQL : GENERIC;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot tell the database's product", e);
    }
  }
}

package org.barebones.store.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Measurement: database bytes per empty cart and per cart with one line, opened through the API. On
 * H2 the file's growth while the server runs (each commit writes a chunk of its own, which H2
 * reuses only after its retention time) and the growth that remains once the server has stopped (H2
 * compacts the file on close); on PostgreSQL the growth of the two cart tables with their indexes.
 */
final class CartStorage {

  /** Carts per measurement: enough for PostgreSQL's 8 KiB pages to average out. */
  static final int CARTS = 2_000;

  /** One database's figures, in bytes per cart. */
  record Figures(
      String database,
      int carts,
      double emptyWhileRunning,
      double emptyAtRest,
      double oneLineWhileRunning,
      double oneLineAtRest) {}

  private CartStorage() {}

  static long createProduct(StoreApi api) throws IOException {
    StoreApi.Producer producer = api.createProducer("storage_" + System.nanoTime(), "bench-pass-1");
    return api.createProduct(producer, "Storage probe", new BigDecimal("1.00"), 1_000_000);
  }

  static long h2FileBytes(Path dir) throws IOException {
    Path file = dir.resolve("data").resolve("store.mv.db");
    return Files.isRegularFile(file) ? Files.size(file) : 0;
  }

  /** Heap, indexes and TOAST of the cart tables. */
  static long postgresCartBytes(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT pg_total_relation_size('shopping_cart')"
                    + " + pg_total_relation_size('shopping_cart_entry')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void vacuum(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("VACUUM shopping_cart");
      s.execute("VACUUM shopping_cart_entry");
    }
  }
}

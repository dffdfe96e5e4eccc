package org.barebones.store.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

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

  /** Opens {@code count} empty carts, or carts with one line of {@code product} if it is > 0. */
  static void openCarts(StoreApi api, int count, long product) throws IOException {
    api.parallel(
        count,
        i -> {
          StoreApi.Cart cart = api.createCart();
          if (product > 0) {
            api.putLine(cart, product, 1);
          }
          return null;
        });
  }

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

  static String markdown(List<Figures> figures) {
    StringBuilder s = new StringBuilder();
    s.append("## Storage per cart\n\n");
    s.append(
        "Carts opened through the API ("
            + CARTS
            + " of each kind, 16 at a time), database bytes per cart. H2: growth of the file"
            + " while the server runs, and what remains after a clean stop (H2 compacts on"
            + " close). PostgreSQL: growth of `shopping_cart` and `shopping_cart_entry` with"
            + " their indexes (`pg_total_relation_size`).\n\n");
    s.append("| database | empty cart, running | empty cart, at rest |");
    s.append(" one-line cart, running | one-line cart, at rest |\n");
    s.append("| --- | ---: | ---: | ---: | ---: |\n");
    for (Figures f : figures) {
      s.append("| ")
          .append(f.database())
          .append(" | ")
          .append(bytes(f.emptyWhileRunning()))
          .append(" | ")
          .append(bytes(f.emptyAtRest()))
          .append(" | ")
          .append(bytes(f.oneLineWhileRunning()))
          .append(" | ")
          .append(bytes(f.oneLineAtRest()))
          .append(" |\n");
    }
    return s.append('\n').toString();
  }

  private static String bytes(double perCart) {
    return Double.isNaN(perCart) ? "n/a" : String.format(Locale.ROOT, "%,.0f B", perCart);
  }
}

package org.barebones.store.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The large catalogue's title index rows, made by SQL, are exactly the keys the server's rule gives
 * "Bulk product N" (every prefix of "bulk", "product" and N's digits), on H2 and PostgreSQL.
 */
class BulkTitleIndexIT {

  private static final int PRODUCTS = 1_234;
  private static final int ALREADY_THERE = 5;

  @Test
  void h2() throws SQLException {
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:h2:mem:bulk;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "sa",
            "")) {
      check(c, Benchmark.H2_SERIES, Benchmark.H2_SERIES_COLUMN);
    }
  }

  @Test
  void postgres() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        Connection c = pg.getPostgresDatabase().getConnection()) {
      check(c, Benchmark.PG_SERIES, Benchmark.PG_SERIES_COLUMN);
    }
  }

  private static void check(Connection c, String series, String column) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE product (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
              + " title VARCHAR(510) NOT NULL)");
      s.execute(
          "CREATE TABLE product_word_prefix (word_prefix VARCHAR(64) NOT NULL,"
              + " product_id BIGINT NOT NULL, PRIMARY KEY (word_prefix, product_id))");
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO product (title) VALUES (?)")) {
      for (int i = 1; i <= ALREADY_THERE + PRODUCTS; i++) {
        insert.setString(1, i <= ALREADY_THERE ? "Made by the API " + i : "Bulk product " + i);
        insert.executeUpdate();
      }
    }

    Benchmark.indexBulkTitles(c, ALREADY_THERE, ALREADY_THERE + PRODUCTS, series, column);

    Set<String> expected = new TreeSet<>();
    for (long id = ALREADY_THERE + 1; id <= ALREADY_THERE + PRODUCTS; id++) {
      for (String word : new String[] {"bulk", "product", Long.toString(id)}) {
        for (int n = 1; n <= word.length(); n++) {
          expected.add(word.substring(0, n) + " " + id);
        }
      }
    }
    Set<String> rows = new TreeSet<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT word_prefix, product_id FROM product_word_prefix")) {
      while (r.next()) {
        rows.add(r.getString(1) + " " + r.getLong(2));
      }
    }
    assertEquals(expected, rows);
  }
}

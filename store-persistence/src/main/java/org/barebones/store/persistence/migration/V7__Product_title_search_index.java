package org.barebones.store.persistence.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.barebones.store.domain.product.SearchText;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 7: the search index of product titles (table {@code product_word_prefix}), filled for
 * the products that already exist. In Java rather than SQL because the keys are the domain's rule
 * ({@link SearchText#indexKeys}: words of letters and digits of any script, folded), which neither
 * database's SQL can state alike; the same rule then keeps the index as products change.
 *
 * <p>One row per product and distinct key; the primary key {@code (word_prefix, product_id)} is the
 * only index: a search looks a key up and reads its products in id order, and a product's rows are
 * found again from its title (every key of it), so no index on {@code product_id} is needed. No
 * foreign key either: PostgreSQL would check it on each product deleted by reading this table by
 * {@code product_id}; the adapter deletes a product's rows with the product instead.
 */
public class V7__Product_title_search_index extends BaseJavaMigration {

  /** Products read, and their rows written, per round trip while filling. */
  private static final int BATCH = 1000;

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement ddl = connection.createStatement()) {
      // 32 code points of a folded word: at most 64 UTF-16 units, which is what H2 counts.
      ddl.execute(
          "CREATE TABLE product_word_prefix ("
              + " word_prefix VARCHAR(64) NOT NULL,"
              + " product_id BIGINT NOT NULL,"
              + " CONSTRAINT product_word_prefix_pk PRIMARY KEY (word_prefix, product_id))");
    }
    try (PreparedStatement read =
            connection.prepareStatement(
                "SELECT id, title FROM product WHERE id > ? ORDER BY id LIMIT " + BATCH);
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO product_word_prefix (word_prefix, product_id) VALUES (?, ?)")) {
      long after = 0;
      while (true) {
        read.setLong(1, after);
        int products = 0;
        try (ResultSet rows = read.executeQuery()) {
          while (rows.next()) {
            products++;
            after = rows.getLong(1);
            for (String key : SearchText.indexKeys(rows.getString(2))) {
              insert.setString(1, key);
              insert.setLong(2, after);
              insert.addBatch();
            }
          }
        }
        insert.executeBatch();
        if (products < BATCH) {
          return;
        }
      }
    }
  }
}

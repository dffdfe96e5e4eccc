package org.barebones.store.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.ProductQuery;
import org.barebones.store.domain.product.ProductSearch;
import org.barebones.store.domain.product.SearchText;
import org.postgresql.PGStatement;

/**
 * The search index of product titles, table {@code product_word_prefix}: one row per product and
 * key of {@link SearchText#indexKeys} (every prefix of every word of its title, folded), with the
 * primary key {@code (word_prefix, product_id)}. A term is then one equality on that key, which
 * hands out the products that match it already in id order: a page of a search reads about a page
 * of index entries, however common the term, instead of every match or every title.
 *
 * <p>The rows change in the same transaction as their product's title (created, renamed, deleted),
 * so a search never sees a title's old words. Several terms: the rarest term (or the producer, when
 * one is asked for) leads, counted at most {@link #COUNT_CAP} entries deep, and each other term is
 * one probe of the primary key per candidate.
 */
final class TitleIndex {

  /** How deep the sources of a search are counted to find the rarest. */
  static final int COUNT_CAP = 1000;

  /** The product's columns, in the order of {@code JdbiProductRepository}'s reader. */
  private static final String COLUMNS =
      "p.id, p.producer_id, p.title, p.price, p.inventory_count, p.version";

  private static final String INSERT =
      "INSERT INTO product_word_prefix (word_prefix, product_id) VALUES (?, ?)";
  private static final String DELETE =
      "DELETE FROM product_word_prefix WHERE word_prefix = ? AND product_id = ?";
  private static final String COUNT_KEY =
      "(SELECT COUNT(*) FROM (SELECT 1 FROM product_word_prefix"
          + " WHERE word_prefix = ? AND product_id > ? LIMIT "
          + COUNT_CAP
          + ") k)";
  private static final String COUNT_PRODUCER =
      "(SELECT COUNT(*) FROM (SELECT 1 FROM product"
          + " WHERE producer_id = ? AND id > ? LIMIT "
          + COUNT_CAP
          + ") k)";
  private static final String PROBE =
      " AND EXISTS (SELECT 1 FROM product_word_prefix o WHERE o.word_prefix = ?"
          + " AND o.product_id = p.id AND o.product_id > ?)";

  private TitleIndex() {}

  /** Indexes {@code title} for a new product. */
  static void add(Connection connection, long productId, String title) throws SQLException {
    insert(connection, productId, SearchText.indexKeys(title));
  }

  /** Moves a product's entries from {@code before} to {@code after}, touching only what differs. */
  static void rename(Connection connection, long productId, String before, String after)
      throws SQLException {
    Set<String> old = SearchText.indexKeys(before);
    Set<String> current = SearchText.indexKeys(after);
    Set<String> gone = new LinkedHashSet<>(old);
    gone.removeAll(current);
    Set<String> added = new LinkedHashSet<>(current);
    added.removeAll(old);
    delete(connection, productId, gone);
    insert(connection, productId, added);
  }

  /** Removes the entries of a product whose title is {@code title}. */
  static void remove(Connection connection, long productId, String title) throws SQLException {
    delete(connection, productId, SearchText.indexKeys(title));
  }

  private static void insert(Connection connection, long productId, Collection<String> keys)
      throws SQLException {
    batch(connection, INSERT, productId, keys);
  }

  private static void delete(Connection connection, long productId, Collection<String> keys)
      throws SQLException {
    batch(connection, DELETE, productId, keys);
  }

  private static void batch(
      Connection connection, String sql, long productId, Collection<String> keys)
      throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (String key : keys) {
        statement.setString(1, key);
        statement.setLong(2, productId);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  /**
   * Prepares a search statement so that PostgreSQL plans it for its parameters every time. The
   * driver otherwise turns a statement run five times on a connection into a server-side prepared
   * one, and the server may then settle on one generic plan for every key: planned for a key of
   * average frequency, such a plan reads and sorts all the entries of a key (fine for a rare one,
   * every product for a common one), where a plan made for the key at hand reads far fewer. H2
   * plans without the values anyway.
   */
  static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    if (statement.isWrapperFor(PGStatement.class)) {
      statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
    return statement;
  }

  /** Runs {@code plan}, reading each row with {@code reader}. */
  static <T> List<T> run(Connection connection, Plan plan, Jdbc.RowReader<T> reader)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, plan.sql())) {
      int i = 1;
      for (Object parameter : plan.parameters()) {
        statement.setObject(i++, parameter);
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(reader.read(result));
        }
      }
      return rows;
    }
  }

  /** A search's statement and its parameters, with the source that leads it. */
  record Plan(String sql, List<Object> parameters) {}

  /**
   * The statement that reads the next {@code rows} candidates of {@code query} after {@code after},
   * in id order: products that hold every index key of the search and pass the other filters. Exact
   * when {@link ProductSearch#isExactInIndex()}; otherwise a superset, to be checked.
   */
  static Plan plan(
      Connection connection, ProductQuery query, ProductSearch search, long after, int rows)
      throws SQLException {
    List<String> keys =
        new ArrayList<>(
            new LinkedHashSet<>(search.terms().stream().map(SearchText::indexKey).toList()));
    Optional<ProducerId> producer = query.producerId();
    int lead =
        keys.size() == 1 && producer.isEmpty() ? 0 : rarest(connection, keys, producer, after);
    StringBuilder sql = new StringBuilder("SELECT ");
    List<Object> parameters = new ArrayList<>();
    if (lead < keys.size()) {
      sql.append(COLUMNS)
          .append(" FROM product_word_prefix d JOIN product p ON p.id = d.product_id")
          // The same bound on both sides: PostgreSQL does not carry an inequality across the
          // join, and its merge join would otherwise read the products from the first id.
          .append(" WHERE d.word_prefix = ? AND d.product_id > ? AND p.id > ?");
      parameters.add(keys.get(lead));
      parameters.add(after);
    } else {
      sql.append(COLUMNS).append(" FROM product p WHERE p.producer_id = ? AND p.id > ?");
      parameters.add(producer.orElseThrow().value());
    }
    parameters.add(after);
    sql.append(" AND p.inventory_count >= ?");
    parameters.add(query.minInventoryCount());
    if (producer.isPresent() && lead < keys.size()) {
      sql.append(" AND p.producer_id = ?");
      parameters.add(producer.get().value());
    }
    for (int i = 0; i < keys.size(); i++) {
      if (i != lead) {
        // The bound again, for a plan that merges this key's entries in id order.
        sql.append(PROBE);
        parameters.add(keys.get(i));
        parameters.add(after);
      }
    }
    // Ordered by the whole index key (its first column is one value here): H2 then reads the
    // index in its order and stops at the limit, instead of sorting every match.
    sql.append(
        lead < keys.size()
            ? " ORDER BY d.word_prefix, d.product_id LIMIT ?"
            : " ORDER BY p.producer_id, p.id LIMIT ?");
    parameters.add(rows);
    return new Plan(sql.toString(), parameters);
  }

  /**
   * Which source has the fewest entries after {@code after} (each counted at most {@link
   * #COUNT_CAP} deep, in one round trip): the index of a key in {@code keys}, or {@code
   * keys.size()} for the producer.
   */
  private static int rarest(
      Connection connection, List<String> keys, Optional<ProducerId> producer, long after)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < keys.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(COUNT_KEY);
    }
    if (producer.isPresent()) {
      sql.append(", ").append(COUNT_PRODUCER);
    }
    try (PreparedStatement statement = prepare(connection, sql.toString())) {
      int p = 1;
      for (String key : keys) {
        statement.setString(p++, key);
        statement.setLong(p++, after);
      }
      if (producer.isPresent()) {
        statement.setLong(p++, producer.get().value());
        statement.setLong(p, after);
      }
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        int best = 0;
        long fewest = Long.MAX_VALUE;
        int sources = keys.size() + (producer.isPresent() ? 1 : 0);
        for (int i = 0; i < sources; i++) {
          long count = row.getLong(i + 1);
          if (count < fewest) {
            fewest = count;
            best = i;
          }
        }
        return best;
      }
    }
  }
}

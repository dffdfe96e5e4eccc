package org.barebones.store.persistence;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.product.ProductQuery;
import org.barebones.store.domain.product.ProductSearch;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.NotFoundException;
import org.barebones.store.domain.shared.Page;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Adapter: stores products and their stock in the {@code product} table. */
public final class JdbiProductRepository implements ProductRepository {

  /** The product columns, in the order productMapper reads them by position. */
  private static final String COLUMNS = "id, producer_id, title, price, inventory_count, version";

  /** A page of the catalogue: minimum stock, after, limit (with the lookahead row). */
  private static final String LIST =
      "SELECT "
          + COLUMNS
          + " FROM product WHERE inventory_count >= ? AND id > ? ORDER BY id LIMIT ?";

  /** As {@link #LIST}, of one producer (its id the third parameter, before the limit). */
  private static final String LIST_OF_PRODUCER =
      "SELECT "
          + COLUMNS
          + " FROM product WHERE inventory_count >= ? AND id > ? AND producer_id = ?"
          + " ORDER BY id LIMIT ?";

  /** Candidates read at a time when a search's terms must be checked against the titles. */
  private static final int CHECKED_BATCH = 200;

  private final JdbiTransactions transactions;
  private final Jdbc.RowReader<Product> productReader;
  private final RowMapper<Product> productMapper;

  public JdbiProductRepository(JdbiTransactions transactions, Currency currency) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    Objects.requireNonNull(currency, "currency");
    // By position in COLUMNS: a lookup by name costs more than the rest of the row (H2).
    this.productReader =
        rs ->
            new Product(
                ProductId.of(rs.getLong(1)),
                ProducerId.of(rs.getLong(2)),
                rs.getString(3),
                new Money(rs.getBigDecimal(4), currency),
                rs.getInt(5),
                rs.getLong(6));
    this.productMapper = (rs, ctx) -> productReader.read(rs);
  }

  /** The units of work this adapter takes part in. */
  JdbiTransactions transactions() {
    return transactions;
  }

  @Override
  public Product add(NewProduct product) {
    long firstVersion = 1;
    long id;
    try {
      id =
          transactions.atomically(
              handle -> {
                long added =
                    handle
                        .createUpdate(
                            "INSERT INTO product"
                                + " (producer_id, title, price, inventory_count, version)"
                                + " VALUES (:producerId, :title, :price, :inventoryCount, :version)")
                        .bind("producerId", product.producerId().value())
                        .bind("title", product.title())
                        .bind("price", product.price().amount())
                        .bind("inventoryCount", product.inventoryCount())
                        .bind("version", firstVersion)
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one();
                sql(() -> TitleIndex.add(handle.getConnection(), added, product.title()));
                return added;
              });
    } catch (UnableToExecuteStatementException e) {
      if (SqlErrors.isForeignKeyViolation(e)) {
        throw new NotFoundException("Producer " + product.producerId() + " does not exist");
      }
      throw e;
    }
    return new Product(
        ProductId.of(id),
        product.producerId(),
        product.title(),
        product.price(),
        product.inventoryCount(),
        firstVersion);
  }

  @Override
  public Optional<Product> findById(ProductId id) {
    return transactions.withHandle(
        handle ->
            Jdbc.first(
                handle,
                "SELECT " + COLUMNS + " FROM product WHERE id = ?",
                statement -> statement.setLong(1, id.value()),
                productReader));
  }

  @Override
  public Map<ProductId, Product> findAllById(Collection<ProductId> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    List<Product> found =
        transactions.withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT " + COLUMNS + " FROM product WHERE id = ANY(:ids) ORDER BY id")
                    .bindArray("ids", Long.class, ids.stream().map(ProductId::value).toList())
                    .map(productMapper)
                    .list());
    return found.stream()
        .collect(
            Collectors.toMap(Product::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  @Override
  public Page<Product> list(ProductQuery query) {
    if (query.search().isPresent()) {
      return search(query, query.search().get());
    }
    Optional<ProducerId> producer = query.producerId();
    List<Product> rows =
        transactions.withHandle(
            handle ->
                Jdbc.list(
                    handle,
                    producer.isPresent() ? LIST_OF_PRODUCER : LIST,
                    statement -> {
                      int i = 1;
                      statement.setLong(i++, query.minInventoryCount());
                      statement.setLong(i++, query.page().after());
                      if (producer.isPresent()) {
                        statement.setLong(i++, producer.get().value());
                      }
                      statement.setInt(i, query.page().limit() + 1);
                    },
                    productReader));
    return Page.fromLookahead(rows, query.page().limit(), product -> product.id().value());
  }

  /**
   * A page of a search, through the title index ({@link TitleIndex}). When a term is longer than an
   * index key, the index hands out a superset in id order, which is checked here against the title
   * and read on until the page (and its lookahead row) is full or the candidates run out.
   */
  private Page<Product> search(ProductQuery query, ProductSearch search) {
    int wanted = query.page().limit() + 1;
    boolean exact = search.isExactInIndex();
    int batch = exact ? wanted : Math.max(wanted, CHECKED_BATCH);
    List<Product> found =
        transactions.withHandle(
            handle -> {
              List<Product> kept = new ArrayList<>();
              long after = query.page().after();
              while (true) {
                long from = after;
                List<Product> rows =
                    sqlValue(
                        () ->
                            TitleIndex.run(
                                handle.getConnection(),
                                TitleIndex.plan(handle.getConnection(), query, search, from, batch),
                                productReader));
                for (Product row : rows) {
                  if ((exact || search.matches(row.title())) && kept.size() < wanted) {
                    kept.add(row);
                  }
                }
                if (exact || kept.size() >= wanted || rows.size() < batch) {
                  return kept;
                }
                after = rows.get(rows.size() - 1).id().value();
              }
            });
    return Page.fromLookahead(found, query.page().limit(), product -> product.id().value());
  }

  @Override
  public Map<ProducerId, List<Product>> listByProducers(Collection<ProducerId> producers) {
    if (producers.isEmpty()) {
      return Map.of();
    }
    List<Product> found =
        transactions.withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM product WHERE producer_id = ANY(:producers) ORDER BY id")
                    .bindArray(
                        "producers", Long.class, producers.stream().map(ProducerId::value).toList())
                    .map(productMapper)
                    .list());
    return found.stream()
        .collect(
            Collectors.groupingBy(Product::producerId, LinkedHashMap::new, Collectors.toList()));
  }

  /**
   * Reads the title it replaces first: if the version then still matches, the conditional update
   * proves that this was the title it overwrote (every change bumps the version), so the index
   * moves from exactly those words to the new ones.
   */
  @Override
  public Optional<Product> update(Product changed) {
    boolean updated =
        transactions.atomically(
            handle -> {
              Optional<String> before =
                  Jdbc.first(
                      handle,
                      "SELECT title FROM product WHERE id = ? AND version = ?",
                      statement -> {
                        statement.setLong(1, changed.id().value());
                        statement.setLong(2, changed.version());
                      },
                      row -> row.getString(1));
              if (before.isEmpty()) {
                return false;
              }
              int rows =
                  handle
                      .createUpdate(
                          "UPDATE product SET title = :title, price = :price,"
                              + " inventory_count = :inventoryCount, version = version + 1"
                              + " WHERE id = :id AND version = :version")
                      .bind("title", changed.title())
                      .bind("price", changed.price().amount())
                      .bind("inventoryCount", changed.inventoryCount())
                      .bind("id", changed.id().value())
                      .bind("version", changed.version())
                      .execute();
              if (rows == 0) {
                return false;
              }
              if (!before.get().equals(changed.title())) {
                sql(
                    () ->
                        TitleIndex.rename(
                            handle.getConnection(),
                            changed.id().value(),
                            before.get(),
                            changed.title()));
              }
              return true;
            });
    if (!updated) {
      return Optional.empty();
    }
    return Optional.of(
        new Product(
            changed.id(),
            changed.producerId(),
            changed.title(),
            changed.price(),
            changed.inventoryCount(),
            changed.version() + 1));
  }

  /**
   * Also takes the product out of every cart, as {@link
   * JdbiCartRepository#removeProductFromOpenCarts(ProductId)} does (a no-op when the caller did
   * that first); orders keep their own copies.
   */
  @Override
  public boolean delete(ProductId id) {
    return transactions.atomically(
        handle -> {
          JdbiCartRepository.removeProductFromOpenCarts(handle, id);
          // Locked only now, after the carts, in the order the DELETE below always took.
          Optional<String> title =
              Jdbc.first(
                  handle,
                  "SELECT title FROM product WHERE id = ? FOR UPDATE",
                  statement -> statement.setLong(1, id.value()),
                  row -> row.getString(1));
          if (title.isEmpty()) {
            return false;
          }
          sql(() -> TitleIndex.remove(handle.getConnection(), id.value(), title.get()));
          try {
            boolean deleted =
                handle
                        .createUpdate("DELETE FROM product WHERE id = :id")
                        .bind("id", id.value())
                        .execute()
                    == 1;
            // The guard row (H2's, written above) goes with its product; a line put waiting on it
            // writes it again, finds the product gone and rolls it back.
            handle
                .createUpdate("DELETE FROM product_cart_guard WHERE product_id = :id")
                .bind("id", id.value())
                .execute();
            return deleted;
          } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isForeignKeyViolation(e)) {
              // An open cart took the product after the carts were cleared; clear them again.
              throw new SqlErrors.RetryableConflict("product " + id + " was added to a cart", e);
            }
            throw e;
          }
        });
  }

  @Override
  public boolean takeStock(ProductId id, int quantity) {
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be positive: " + quantity);
    }
    return transactions.atomically(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE product SET inventory_count = inventory_count - :quantity,"
                            + " version = version + 1"
                            + " WHERE id = :id AND inventory_count >= :quantity")
                    .bind("quantity", quantity)
                    .bind("id", id.value())
                    .execute())
        == 1;
  }

  @Override
  public OptionalInt returnStock(ProductId id, int quantity) {
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be positive: " + quantity);
    }
    // Added to the stock as it is when the row's lock is had, never read and written back; the
    // read after it sees this unit of work's own write, which no other can move until it ends.
    return transactions.atomically(
        handle -> {
          int changed =
              handle
                  .createUpdate(
                      "UPDATE product SET inventory_count = inventory_count + :quantity,"
                          + " version = version + 1 WHERE id = :id")
                  .bind("quantity", quantity)
                  .bind("id", id.value())
                  .execute();
          if (changed == 0) {
            return OptionalInt.empty();
          }
          return OptionalInt.of(
              handle
                  .createQuery("SELECT inventory_count FROM product WHERE id = :id")
                  .bind("id", id.value())
                  .mapTo(Integer.class)
                  .one());
        });
  }

  /** Statements of the title index, on the unit of work's connection. */
  @FunctionalInterface
  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  @FunctionalInterface
  private interface SqlStep {
    void run() throws SQLException;
  }

  private static void sql(SqlStep step) {
    sqlValue(
        () -> {
          step.run();
          return null;
        });
  }

  private static <T> T sqlValue(SqlWork<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new Jdbc.JdbcException("(title index)", e);
    }
  }
}

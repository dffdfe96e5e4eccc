package org.barebones.store.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartCheckedOutException;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.cart.CartStatus;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.port.CartRepository;
import org.barebones.store.domain.port.LockedCart;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.NotFoundException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Adapter: stores carts in {@code shopping_cart} and their lines in {@code shopping_cart_entry}.
 */
public final class JdbiCartRepository implements CartRepository {

  private static final String OPEN = "open";
  private static final String CHECKED_OUT = "checked_out";

  private static final String CART_COLUMNS =
      "c.id, c.status, c.cached_price, c.order_id, c.created_at";
  private static final String LINE_COLUMNS =
      "e.id AS entry_id, e.product_id, e.quantity, e.unit_price";

  /** Recomputes the cached price of the carts the statement's WHERE clause names. */
  private static final String RECOMPUTE_PRICE =
      "UPDATE shopping_cart SET cached_price = (SELECT COALESCE(SUM(e.quantity * e.unit_price), 0)"
          + " FROM shopping_cart_entry e WHERE e.shopping_cart_id = shopping_cart.id)";

  /** One row of a cart, with one of its lines or none (the cart columns repeat on each). */
  private record CartLineRow(
      long id,
      String status,
      BigDecimal cachedPrice,
      Long orderId,
      Instant createdAt,
      Long entryId,
      long productId,
      int quantity,
      BigDecimal unitPrice) {}

  /** {@link #CART_COLUMNS} then {@link #LINE_COLUMNS}, by position. */
  private static CartLineRow cartLineRow(ResultSet rs) throws SQLException {
    return new CartLineRow(
        rs.getLong(1),
        rs.getString(2),
        rs.getBigDecimal(3),
        Jdbc.nullableLong(rs, 4),
        rs.getObject(5, OffsetDateTime.class).toInstant(),
        Jdbc.nullableLong(rs, 6),
        rs.getLong(7),
        rs.getInt(8),
        rs.getBigDecimal(9));
  }

  private static final String CART_WITH_LINES =
      "SELECT "
          + CART_COLUMNS
          + ", "
          + LINE_COLUMNS
          + " FROM shopping_cart c"
          + " LEFT JOIN shopping_cart_entry e ON e.shopping_cart_id = c.id"
          + " WHERE c.id = ?";

  private static final String CART_WITH_LINES_AND_PRODUCTS =
      "SELECT "
          + CART_COLUMNS
          + ", "
          + LINE_COLUMNS
          + ", p.id AS p_id, p.producer_id, p.title, p.price, p.inventory_count, p.version"
          + " FROM shopping_cart c"
          + " LEFT JOIN shopping_cart_entry e ON e.shopping_cart_id = c.id"
          + " LEFT JOIN product p ON p.id = e.product_id"
          + " WHERE c.id = ?";

  private final JdbiTransactions transactions;
  private final Currency currency;

  /** Known once the database was first reached (at open, or else at the first line put). */
  private volatile Dialect dialect;

  public JdbiCartRepository(JdbiTransactions transactions, Currency currency) {
    this(transactions, currency, null);
  }

  /** With the database's dialect, if known; else it is read from the first connection used. */
  JdbiCartRepository(JdbiTransactions transactions, Currency currency, Dialect dialect) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.currency = Objects.requireNonNull(currency, "currency");
    this.dialect = dialect;
  }

  private Dialect dialect(Handle handle) {
    Dialect known = dialect;
    if (known == null) {
      known = Dialect.of(handle);
      dialect = known;
    }
    return known;
  }

  /** The units of work this adapter takes part in. */
  JdbiTransactions transactions() {
    return transactions;
  }

  @Override
  public Cart create(Instant createdAt) {
    // The columns keep microseconds; the returned cart holds what a later read will give.
    Instant stored = createdAt.truncatedTo(ChronoUnit.MICROS);
    OffsetDateTime at = OffsetDateTime.ofInstant(stored, ZoneOffset.UTC);
    long id =
        transactions.atomically(
            handle ->
                Jdbc.insertReturningKey(
                    handle,
                    "INSERT INTO shopping_cart (status, cached_price, created_at, changed_at)"
                        + " VALUES (?, 0, ?, ?)",
                    "id",
                    statement -> {
                      statement.setString(1, OPEN);
                      statement.setObject(2, at);
                      statement.setObject(3, at);
                    }));
    return new Cart(
        CartId.of(id), CartStatus.OPEN, Money.zero(currency), List.of(), Optional.empty(), stored);
  }

  /** Reads the cart and its lines in one query, so they agree even outside a unit of work. */
  @Override
  public Optional<Cart> findById(CartId id) {
    List<CartLineRow> rows =
        transactions.withHandle(
            handle ->
                Jdbc.list(
                    handle,
                    CART_WITH_LINES,
                    statement -> statement.setLong(1, id.value()),
                    JdbiCartRepository::cartLineRow));
    return rows.isEmpty() ? Optional.empty() : Optional.of(toCart(rows));
  }

  @Override
  public Optional<Cart> lockById(CartId id) {
    return transactions.atomically(
        handle -> {
          // Lock the cart row alone (PostgreSQL refuses FOR UPDATE on the nullable side of an outer
          // join), then read it in a statement of its own, which sees every line committed before
          // the lock was granted (see lockWithProducts).
          if (lockRow(handle, id).isEmpty()) {
            return Optional.empty();
          }
          return findById(id);
        });
  }

  /**
   * With this adapter's own product adapter: the lock, then the cart, its lines and their products
   * in one query (two statements in all). The query starts once the lock is held, so it sees every
   * line committed before: locking and reading in one statement would not (at READ COMMITTED a
   * statement sees what was committed when it started, and it may start before a line's unit of
   * work commits and releases the cart).
   */
  @Override
  public Optional<LockedCart> lockWithProducts(CartId id, ProductRepository products) {
    if (!(products instanceof JdbiProductRepository own && own.transactions() == transactions)) {
      return CartRepository.super.lockWithProducts(id, products);
    }
    return transactions.atomically(
        handle -> {
          if (lockRow(handle, id).isEmpty()) {
            return Optional.empty();
          }
          Map<ProductId, Product> found = new LinkedHashMap<>();
          List<CartLineRow> rows =
              Jdbc.list(
                  handle,
                  CART_WITH_LINES_AND_PRODUCTS,
                  statement -> statement.setLong(1, id.value()),
                  rs -> {
                    // By position: a lookup by name costs more than the rest of the row (H2).
                    long productId = rs.getLong(10);
                    if (!rs.wasNull()) {
                      found.put(
                          ProductId.of(productId),
                          new Product(
                              ProductId.of(productId),
                              ProducerId.of(rs.getLong(11)),
                              rs.getString(12),
                              new Money(rs.getBigDecimal(13), currency),
                              rs.getInt(14),
                              rs.getLong(15)));
                    }
                    return cartLineRow(rs);
                  });
          return Optional.of(new LockedCart(toCart(rows), found));
        });
  }

  @Override
  public void putLine(CartId cart, ProductId product, int quantity, Money unitPrice) {
    if (quantity < 1 || quantity > CartLine.MAX_QUANTITY) {
      throw new IllegalArgumentException("quantity must be 1.." + CartLine.MAX_QUANTITY);
    }
    transactions.atomically(
        handle -> {
          // The product must exist until the line is committed, so that a concurrent deletion
          // either waits and then sees the line, or goes first and this line fails; but a
          // checkout's decrement of its stock must not hold the line back (a flash sale would
          // queue every add-to-cart behind it). PostgreSQL: FOR KEY SHARE, which a checkout's
          // FOR NO KEY UPDATE and UPDATE of the stock do not conflict with, and a DELETE does.
          // H2 has no shared row locks, and does not check foreign keys against rows other
          // transactions have not committed: there the product's guard row orders the line and
          // the deletion (see guardAgainstDeletion), and the read after it sees the product as
          // its deletion left it. The cart's lock, when held, comes first (the order in which
          // checkout and deletion lock them).
          boolean productExists;
          if (dialect(handle) == Dialect.POSTGRESQL) {
            productExists =
                Jdbc.first(
                        handle,
                        "SELECT id FROM product WHERE id = ? FOR KEY SHARE",
                        statement -> statement.setLong(1, product.value()),
                        rs -> rs.getLong(1))
                    .isPresent();
          } else {
            guardAgainstDeletion(handle, product);
            productExists =
                Jdbc.first(
                        handle,
                        "SELECT id FROM product WHERE id = ?",
                        statement -> statement.setLong(1, product.value()),
                        rs -> rs.getLong(1))
                    .isPresent();
          }
          if (!productExists) {
            throw new NotFoundException("Product " + product + " does not exist");
          }
          int merged;
          try {
            // The source yields the cart only while it is open, so a checked-out cart never
            // changes.
            merged =
                Jdbc.update(
                    handle,
                    "MERGE INTO shopping_cart_entry e"
                        + " USING (SELECT id FROM shopping_cart"
                        + " WHERE id = ? AND status = 'open') c"
                        + " ON e.shopping_cart_id = c.id AND e.product_id = ?"
                        + " WHEN MATCHED THEN UPDATE"
                        + " SET quantity = ?, unit_price = ?"
                        + " WHEN NOT MATCHED THEN INSERT"
                        + " (shopping_cart_id, product_id, quantity, unit_price)"
                        + " VALUES (c.id, ?, ?, ?)",
                    statement -> {
                      statement.setLong(1, cart.value());
                      statement.setLong(2, product.value());
                      statement.setInt(3, quantity);
                      statement.setBigDecimal(4, unitPrice.amount());
                      statement.setLong(5, product.value());
                      statement.setInt(6, quantity);
                      statement.setBigDecimal(7, unitPrice.amount());
                    });
          } catch (Jdbc.JdbcException e) {
            if (SqlErrors.isForeignKeyViolation(e)) {
              throw new NotFoundException("Product " + product + " does not exist");
            }
            throw e;
          }
          if (merged == 0) {
            throw whyNotOpen(handle, cart);
          }
          recomputePrice(handle, cart);
          return null;
        });
  }

  @Override
  public void removeLine(CartId cart, ProductId product) {
    transactions.atomically(
        handle -> {
          handle
              .createUpdate(
                  "DELETE FROM shopping_cart_entry"
                      + " WHERE shopping_cart_id = :cart AND product_id = :product"
                      + " AND EXISTS (SELECT 1 FROM shopping_cart"
                      + " WHERE id = :cart AND status = 'open')")
              .bind("cart", cart.value())
              .bind("product", product.value())
              .execute();
          if (recomputePrice(handle, cart) == 0) {
            throw whyNotOpen(handle, cart);
          }
          return null;
        });
  }

  @Override
  public void repriceLines(CartId cart, Map<ProductId, Money> unitPrices) {
    transactions.atomically(
        handle -> {
          if (!unitPrices.isEmpty()) {
            PreparedBatch batch =
                handle.prepareBatch(
                    "UPDATE shopping_cart_entry SET unit_price = :unitPrice"
                        + " WHERE shopping_cart_id = :cart AND product_id = :product");
            unitPrices.forEach(
                (product, price) ->
                    batch
                        .bind("unitPrice", price.amount())
                        .bind("cart", cart.value())
                        .bind("product", product.value())
                        .add());
            batch.execute();
          }
          if (recomputePrice(handle, cart) == 0) {
            throw whyNotOpen(handle, cart);
          }
          return null;
        });
  }

  @Override
  public void touch(CartId id, Instant at) {
    OffsetDateTime now = utc(at);
    OffsetDateTime stale = utc(at.minus(CHANGE_RESOLUTION));
    transactions.atomically(
        handle ->
            Jdbc.update(
                handle,
                "UPDATE shopping_cart SET changed_at = ?"
                    + " WHERE id = ? AND status = 'open' AND changed_at < ?",
                statement -> {
                  statement.setObject(1, now);
                  statement.setLong(2, id.value());
                  statement.setObject(3, stale);
                }));
  }

  /**
   * Locks the oldest idle open carts, skipping those another unit of work holds (a request changing
   * or checking out the cart holds its row from its first statement, so it is never swept half-way;
   * another node's sweep holds its own batch), then deletes them with their lines (ON DELETE
   * CASCADE), checking again in the delete itself that each is still open and idle.
   */
  @Override
  public int deleteIdleOpenCarts(Instant changedBefore, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1");
    }
    OffsetDateTime before = utc(changedBefore);
    return transactions.atomically(
        handle -> {
          List<Long> idle =
              handle
                  .createQuery(
                      "SELECT id FROM shopping_cart"
                          + " WHERE changed_at < :before AND status = 'open'"
                          + " ORDER BY changed_at LIMIT :limit FOR UPDATE SKIP LOCKED")
                  .bind("before", before)
                  .bind("limit", limit)
                  .mapTo(Long.class)
                  .list();
          if (idle.isEmpty()) {
            return 0;
          }
          return handle
              .createUpdate(
                  "DELETE FROM shopping_cart WHERE id = ANY(:ids)"
                      + " AND status = 'open' AND changed_at < :before")
              .bindArray("ids", Long.class, idle)
              .bind("before", before)
              .execute();
        });
  }

  @Override
  public void markCheckedOut(CartId id, OrderId order) {
    transactions.atomically(
        handle -> {
          int updated =
              handle
                  .createUpdate(
                      "UPDATE shopping_cart"
                          + " SET status = :checkedOut, order_id = :order, changed_at = NULL"
                          + " WHERE id = :id AND status = :open")
                  .bind("checkedOut", CHECKED_OUT)
                  .bind("open", OPEN)
                  .bind("order", order.value())
                  .bind("id", id.value())
                  .execute();
          if (updated == 0) {
            throw whyNotOpen(handle, id);
          }
          return null;
        });
  }

  @Override
  public boolean delete(CartId id) {
    // Lines go by ON DELETE CASCADE; an order placed by the cart keeps its own copy.
    return transactions.atomically(
        handle ->
            Jdbc.update(
                    handle,
                    "DELETE FROM shopping_cart WHERE id = ?",
                    statement -> statement.setLong(1, id.value()))
                == 1);
  }

  @Override
  public void removeProductFromOpenCarts(ProductId product) {
    transactions.atomically(
        handle -> {
          removeProductFromOpenCarts(handle, product);
          return null;
        });
  }

  /**
   * Locks the open carts holding {@code product} in ascending id order (the order in which
   * checkouts lock carts, before products, so the two cannot deadlock), removes its lines from them
   * and recomputes their prices; checked-out carts lose the line but keep the price they were sold
   * at. Product deletion runs this too, as the product's lines must go before it can.
   */
  static void removeProductFromOpenCarts(Handle handle, ProductId product) {
    if (Dialect.of(handle) != Dialect.POSTGRESQL) {
      // Before the carts, as putLine takes it before writing its line: a line put before this
      // is committed and found below; one put after waits, then finds the product gone.
      guardAgainstDeletion(handle, product);
    }
    List<Long> openCarts =
        handle
            .createQuery(
                "SELECT id FROM shopping_cart WHERE status = 'open' AND id IN"
                    + " (SELECT shopping_cart_id FROM shopping_cart_entry"
                    + " WHERE product_id = :product)"
                    + " ORDER BY id FOR UPDATE")
            .bind("product", product.value())
            .mapTo(Long.class)
            .list();
    if (!openCarts.isEmpty()) {
      handle
          .createUpdate(
              "DELETE FROM shopping_cart_entry"
                  + " WHERE product_id = :product AND shopping_cart_id = ANY(:carts)")
          .bind("product", product.value())
          .bindArray("carts", Long.class, openCarts)
          .execute();
      handle
          .createUpdate(RECOMPUTE_PRICE + " WHERE id = ANY(:carts)")
          .bindArray("carts", Long.class, openCarts)
          .execute();
    }
    // Only sold carts' lines: an open cart that took the product since the lock above keeps its
    // line, so that deleting the product fails and retries rather than leave its price stale.
    handle
        .createUpdate(
            "DELETE FROM shopping_cart_entry WHERE product_id = :product AND shopping_cart_id IN"
                + " (SELECT id FROM shopping_cart WHERE status = 'checked_out')")
        .bind("product", product.value())
        .execute();
  }

  /**
   * H2: writes (creating it if need be) the product's row of {@code product_cart_guard}, which
   * holds it until the unit of work ends, so that putting a line of the product and deleting the
   * product take turns, while checkouts, which lock the product's own row, never wait for either.
   */
  static void guardAgainstDeletion(Handle handle, ProductId product) {
    Jdbc.update(
        handle,
        "MERGE INTO product_cart_guard KEY (product_id) VALUES (?)",
        statement -> statement.setLong(1, product.value()));
  }

  /** Locks the cart's row alone until the unit of work ends; empty if there is no such cart. */
  private static Optional<Long> lockRow(Handle handle, CartId id) {
    return Jdbc.first(
        handle,
        "SELECT id FROM shopping_cart WHERE id = ? FOR UPDATE",
        statement -> statement.setLong(1, id.value()),
        rs -> rs.getLong(1));
  }

  /** Recomputes an open cart's price; returns 0 if the cart is gone or checked out. */
  private static int recomputePrice(Handle handle, CartId cart) {
    return Jdbc.update(
        handle,
        RECOMPUTE_PRICE + " WHERE id = ? AND status = 'open'",
        statement -> statement.setLong(1, cart.value()));
  }

  /** The failure to report when a change to {@code cart} found no open cart to change. */
  private static RuntimeException whyNotOpen(Handle handle, CartId cart) {
    boolean exists =
        handle
                .createQuery("SELECT COUNT(*) FROM shopping_cart WHERE id = :cart")
                .bind("cart", cart.value())
                .mapTo(Long.class)
                .one()
            > 0;
    return exists
        ? new CartCheckedOutException(cart)
        : new NotFoundException("Shopping cart " + cart + " does not exist");
  }

  private static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  private Cart toCart(List<CartLineRow> rows) {
    CartLineRow cart = rows.get(0);
    List<CartLine> lines = new ArrayList<>();
    for (CartLineRow row : rows) {
      if (row.entryId() != null) {
        lines.add(
            new CartLine(
                row.entryId(),
                ProductId.of(row.productId()),
                row.quantity(),
                new Money(row.unitPrice(), currency)));
      }
    }
    boolean open = OPEN.equals(cart.status());
    return new Cart(
        CartId.of(cart.id()),
        open ? CartStatus.OPEN : CartStatus.CHECKED_OUT,
        new Money(cart.cachedPrice(), currency),
        lines,
        Optional.ofNullable(cart.orderId()).map(OrderId::of),
        cart.createdAt());
  }
}

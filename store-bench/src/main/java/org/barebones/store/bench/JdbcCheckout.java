package org.barebones.store.bench;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The database's own ceiling for the checkout: the statements the server's checkout issues
 * (store-domain's {@code Checkout} over store-persistence's JDBI adapters), in the same transaction
 * shape, from a plain JDBC loop with no HTTP, JSON, JWT, JDBI or pool in between.
 *
 * <p>Per cart, in one transaction at the connection's default isolation: lock the cart row, read
 * the cart with its lines, read the lines' products, take each line's stock by a conditional
 * decrement in ascending product id, insert the order (returning its id) and its lines as a batch,
 * mark the cart checked out, commit.
 */
final class JdbcCheckout {

  static final String LOCK_CART = "SELECT id FROM shopping_cart WHERE id = ? FOR UPDATE";
  static final String LOAD_CART =
      "SELECT c.id, c.status, c.cached_price, c.order_id, c.created_at,"
          + " e.id AS entry_id, e.product_id, e.quantity, e.unit_price"
          + " FROM shopping_cart c"
          + " LEFT JOIN shopping_cart_entry e ON e.shopping_cart_id = c.id"
          + " WHERE c.id = ?";
  static final String LOAD_PRODUCTS =
      "SELECT id, producer_id, title, price, inventory_count, version"
          + " FROM product WHERE id = ANY(?) ORDER BY id";
  static final String TAKE_STOCK =
      "UPDATE product SET inventory_count = inventory_count - ?, version = version + 1"
          + " WHERE id = ? AND inventory_count >= ?";
  static final String INSERT_ORDER =
      "INSERT INTO purchase_order (shopping_cart_id, total, created_at) VALUES (?, ?, ?)";
  static final String INSERT_ORDER_LINE =
      "INSERT INTO purchase_order_line"
          + " (order_id, line_no, product_id, title, unit_price, quantity)"
          + " VALUES (?, ?, ?, ?, ?, ?)";
  static final String MARK_CHECKED_OUT =
      "UPDATE shopping_cart SET status = ?, order_id = ? WHERE id = ? AND status = ?";

  /** What one run measured. */
  record Result(int threads, long transactions, long failures, double seconds, long[] sortedNanos) {
    double perSecond() {
      return transactions / seconds;
    }

    double percentileMillis(double p) {
      if (sortedNanos.length == 0) {
        return Double.NaN;
      }
      int index =
          (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100 * sortedNanos.length) - 1);
      return sortedNanos[Math.max(0, index)] / 1e6;
    }
  }

  private JdbcCheckout() {}

  /**
   * Opens {@code count} carts of one line each (quantity 1, on {@code productIds} in turn) with
   * plain SQL, as the API would leave them; returns their ids.
   */
  static List<Long> prepareCarts(Connection c, List<Long> productIds, int count)
      throws SQLException {
    List<Long> carts = new ArrayList<>(count);
    c.setAutoCommit(false);
    try (PreparedStatement insertCarts =
        c.prepareStatement(
            "INSERT INTO shopping_cart (status, cached_price, created_at)"
                + " SELECT 'open', 0, now() FROM generate_series(1, ?) RETURNING id")) {
      insertCarts.setInt(1, count);
      try (ResultSet rs = insertCarts.executeQuery()) {
        while (rs.next()) {
          carts.add(rs.getLong(1));
        }
      }
    }
    Array cartArray = c.createArrayOf("bigint", carts.toArray());
    Long[] products = new Long[carts.size()];
    for (int i = 0; i < products.length; i++) {
      products[i] = productIds.get(i % productIds.size());
    }
    Array productArray = c.createArrayOf("bigint", products);
    try (PreparedStatement insertLines =
            c.prepareStatement(
                "INSERT INTO shopping_cart_entry"
                    + " (shopping_cart_id, product_id, quantity, unit_price)"
                    + " SELECT l.cart, p.id, 1, p.price"
                    + " FROM unnest(?::bigint[], ?::bigint[]) AS l(cart, product)"
                    + " JOIN product p ON p.id = l.product");
        PreparedStatement price =
            c.prepareStatement(
                "UPDATE shopping_cart SET cached_price = (SELECT COALESCE(SUM(e.quantity *"
                    + " e.unit_price), 0) FROM shopping_cart_entry e"
                    + " WHERE e.shopping_cart_id = shopping_cart.id)"
                    + " WHERE id = ANY(?::bigint[])")) {
      insertLines.setArray(1, cartArray);
      insertLines.setArray(2, productArray);
      insertLines.executeUpdate();
      price.setArray(1, cartArray);
      price.executeUpdate();
    }
    c.commit();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("ANALYZE");
    }
    return carts;
  }

  /** A source of connections: one per thread. */
  @FunctionalInterface
  interface Connector {
    Connection open() throws SQLException;
  }

  /**
   * Checks out the given carts from {@code threads} threads, each on its own connection, for {@code
   * duration} after {@code warmup} (or until the carts run out).
   */
  static Result run(
      Connector connector, List<Long> carts, int threads, Duration warmup, Duration duration)
      throws InterruptedException, SQLException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    AtomicLong lastFinish = new AtomicLong();
    AtomicReference<SQLException> broken = new AtomicReference<>();
    long measureFrom = System.nanoTime() + warmup.toNanos();
    long end = measureFrom + duration.toNanos();
    lastFinish.set(measureFrom);
    long[][] samples = new long[threads][];
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int slot = t;
      Thread thread =
          new Thread(
              () -> {
                long[] mine = new long[1024];
                int size = 0;
                try (Connection c = connector.open();
                    Statements s = new Statements(c)) {
                  c.setAutoCommit(false);
                  while (System.nanoTime() < end) {
                    int index = next.getAndIncrement();
                    if (index >= carts.size()) {
                      break;
                    }
                    long started = System.nanoTime();
                    boolean ok;
                    try {
                      ok = s.checkout(carts.get(index));
                      if (ok) {
                        c.commit();
                      } else {
                        c.rollback();
                      }
                    } catch (SQLException e) {
                      c.rollback();
                      ok = false;
                    }
                    long finished = System.nanoTime();
                    if (started >= measureFrom && finished <= end) {
                      if (ok) {
                        if (size == mine.length) {
                          mine = Arrays.copyOf(mine, size * 2);
                        }
                        mine[size++] = finished - started;
                      } else {
                        failures.incrementAndGet();
                      }
                      lastFinish.accumulateAndGet(finished, Math::max);
                    }
                  }
                } catch (SQLException e) {
                  broken.compareAndSet(null, e);
                } finally {
                  synchronized (samples) {
                    samples[slot] = Arrays.copyOf(mine, size);
                  }
                  done.countDown();
                }
              },
              "jdbc-checkout-" + t);
      thread.setDaemon(true);
      thread.start();
    }
    done.await();
    if (broken.get() != null) {
      throw broken.get();
    }
    long[] all;
    synchronized (samples) {
      all = Arrays.stream(samples).flatMapToLong(Arrays::stream).sorted().toArray();
    }
    double seconds = Math.max(1e-9, (Math.min(end, lastFinish.get()) - measureFrom) / 1e9);
    return new Result(threads, all.length, failures.get(), seconds, all);
  }

  /** One connection's prepared statements. */
  private static final class Statements implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement lockCart;
    private final PreparedStatement loadCart;
    private final PreparedStatement loadProducts;
    private final PreparedStatement takeStock;
    private final PreparedStatement insertOrder;
    private final PreparedStatement insertOrderLine;
    private final PreparedStatement markCheckedOut;

    Statements(Connection c) throws SQLException {
      this.connection = c;
      lockCart = c.prepareStatement(LOCK_CART);
      loadCart = c.prepareStatement(LOAD_CART);
      loadProducts = c.prepareStatement(LOAD_PRODUCTS);
      takeStock = c.prepareStatement(TAKE_STOCK);
      insertOrder = c.prepareStatement(INSERT_ORDER, new String[] {"id"});
      insertOrderLine = c.prepareStatement(INSERT_ORDER_LINE);
      markCheckedOut = c.prepareStatement(MARK_CHECKED_OUT);
    }

    private record Line(long productId, int quantity) {}

    private record ProductRow(String title, BigDecimal price) {}

    /** One checkout; false when the cart is not open or a line lacks stock (caller rolls back). */
    boolean checkout(long cartId) throws SQLException {
      lockCart.setLong(1, cartId);
      try (ResultSet rs = lockCart.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
      }
      List<Line> lines = new ArrayList<>();
      String status = null;
      loadCart.setLong(1, cartId);
      try (ResultSet rs = loadCart.executeQuery()) {
        while (rs.next()) {
          status = rs.getString("status");
          rs.getBigDecimal("cached_price");
          rs.getObject("created_at", OffsetDateTime.class);
          rs.getLong("entry_id");
          if (!rs.wasNull()) {
            lines.add(new Line(rs.getLong("product_id"), rs.getInt("quantity")));
          }
        }
      }
      if (!"open".equals(status) || lines.isEmpty()) {
        return false;
      }
      lines.sort((a, b) -> Long.compare(a.productId(), b.productId()));
      Long[] ids = lines.stream().map(Line::productId).toArray(Long[]::new);
      Map<Long, ProductRow> products = new HashMap<>();
      loadProducts.setArray(1, connection.createArrayOf("bigint", ids));
      try (ResultSet rs = loadProducts.executeQuery()) {
        while (rs.next()) {
          rs.getLong("producer_id");
          rs.getInt("inventory_count");
          rs.getLong("version");
          products.put(
              rs.getLong("id"), new ProductRow(rs.getString("title"), rs.getBigDecimal("price")));
        }
      }
      BigDecimal total = BigDecimal.ZERO;
      for (Line line : lines) {
        ProductRow product = products.get(line.productId());
        if (product == null) {
          return false;
        }
        total = total.add(product.price().multiply(BigDecimal.valueOf(line.quantity())));
      }
      for (Line line : lines) {
        takeStock.setInt(1, line.quantity());
        takeStock.setLong(2, line.productId());
        takeStock.setInt(3, line.quantity());
        if (takeStock.executeUpdate() != 1) {
          return false;
        }
      }
      insertOrder.setLong(1, cartId);
      insertOrder.setBigDecimal(2, total);
      insertOrder.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
      insertOrder.executeUpdate();
      long orderId;
      try (ResultSet keys = insertOrder.getGeneratedKeys()) {
        keys.next();
        orderId = keys.getLong(1);
      }
      int lineNo = 0;
      for (Line line : lines) {
        ProductRow product = products.get(line.productId());
        insertOrderLine.setLong(1, orderId);
        insertOrderLine.setInt(2, ++lineNo);
        insertOrderLine.setLong(3, line.productId());
        insertOrderLine.setString(4, product.title());
        insertOrderLine.setBigDecimal(5, product.price());
        insertOrderLine.setInt(6, line.quantity());
        insertOrderLine.addBatch();
      }
      insertOrderLine.executeBatch();
      markCheckedOut.setString(1, "checked_out");
      markCheckedOut.setLong(2, orderId);
      markCheckedOut.setLong(3, cartId);
      markCheckedOut.setString(4, "open");
      return markCheckedOut.executeUpdate() == 1;
    }

    @Override
    public void close() throws SQLException {
      for (PreparedStatement s :
          List.of(
              lockCart,
              loadCart,
              loadProducts,
              takeStock,
              insertOrder,
              insertOrderLine,
              markCheckedOut)) {
        s.close();
      }
    }
  }
}

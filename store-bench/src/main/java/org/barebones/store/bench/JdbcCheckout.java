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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The database's own ceiling for the checkout: the statements the server's checkout issues on
 * PostgreSQL (store-domain's {@code Checkout} over store-persistence's JDBI adapters), in the same
 * transaction shape, from a plain JDBC loop with no HTTP, JSON, JWT, JDBI or pool in between.
 *
 * <p>Per cart, in one transaction at the connection's default isolation: lock the cart row, read
 * the cart with its lines and their products (a statement of its own, once the lock is held), then
 * {@link #PLACE} (one statement: every line's stock locked in ascending product id and
 * conditionally decremented, and only if every line's was taken, the order, one part per producer,
 * the lines with their producers, and the cart's closing), commit: three statements and a commit,
 * whatever the cart's size.
 *
 * <p>{@link Shape#STEPWISE} issues instead what the server issues over the generic SQL (its H2
 * path, and its PostgreSQL path before {@code PLACE}): one conditional decrement per line, the
 * stock left, the order (returning its id), its parts and its lines as batches, the cart's update.
 */
final class JdbcCheckout {

  static final String LOCK_CART = "SELECT id FROM shopping_cart WHERE id = ? FOR UPDATE";
  static final String LOAD_CART =
      "SELECT c.id, c.status, c.cached_price, c.order_id, c.created_at,"
          + " e.id AS entry_id, e.product_id, e.quantity, e.unit_price,"
          + " p.id AS p_id, p.producer_id, p.title, p.price, p.inventory_count, p.version"
          + " FROM shopping_cart c"
          + " LEFT JOIN shopping_cart_entry e ON e.shopping_cart_id = c.id"
          + " LEFT JOIN product p ON p.id = e.product_id"
          + " WHERE c.id = ?";

  /**
   * store-persistence's {@code JdbiOrderRepository.PLACE_ON_POSTGRESQL}, with its named parameters
   * as positional ones (JDBI sends a repeated name as one parameter per use, as here). Keep the two
   * alike: this loop is the reference the server's checkout is measured against.
   */
  static final String PLACE =
      "WITH wanted AS ("
          + " SELECT w.product_id, w.quantity"
          + " FROM unnest(CAST(? AS bigint[]), CAST(? AS integer[]))"
          + " AS w(product_id, quantity)),"
          + " locked AS ("
          + " SELECT p.id FROM product p WHERE p.id IN (SELECT product_id FROM wanted)"
          + " ORDER BY p.id FOR UPDATE),"
          + " taken AS ("
          + " UPDATE product p SET inventory_count = p.inventory_count - w.quantity,"
          + " version = p.version + 1"
          + " FROM wanted w, locked l"
          + " WHERE p.id = w.product_id AND l.id = p.id AND p.inventory_count >= w.quantity"
          + " RETURNING p.id, p.inventory_count),"
          + " placed AS ("
          + " INSERT INTO purchase_order (shopping_cart_id, total, created_at)"
          + " SELECT CAST(? AS bigint), CAST(? AS numeric),"
          + " CAST(? AS timestamptz)"
          + " WHERE (SELECT count(*) FROM taken) = ?"
          + " RETURNING id),"
          + " parts AS ("
          + " INSERT INTO purchase_order_part (order_id, producer_id, status)"
          + " SELECT placed.id, pr.producer_id, 'pending'"
          + " FROM placed, unnest(CAST(? AS bigint[])) AS pr(producer_id)),"
          + " lines AS ("
          + " INSERT INTO purchase_order_line"
          + " (order_id, line_no, product_id, producer_id, title, unit_price, quantity)"
          + " SELECT placed.id, l.line_no, l.product_id, l.producer_id, l.title, l.unit_price,"
          + " l.quantity"
          + " FROM placed, unnest(CAST(? AS bigint[]), CAST(? AS bigint[]),"
          + " CAST(? AS varchar[]), CAST(? AS numeric[]),"
          + " CAST(? AS integer[])) WITH ORDINALITY"
          + " AS l(product_id, producer_id, title, unit_price, quantity, line_no)),"
          + " closed AS ("
          + " UPDATE shopping_cart SET status = 'checked_out', order_id = placed.id,"
          + " changed_at = NULL FROM placed"
          + " WHERE shopping_cart.id = ? AND shopping_cart.status = 'open'"
          + " RETURNING shopping_cart.id)"
          + " SELECT 0 AS kind, id, inventory_count AS n FROM taken"
          + " UNION ALL"
          + " SELECT 1, id, CAST((SELECT count(*) FROM closed) AS integer) FROM placed";

  /** The server records the order's {@code order.placed} event in the same transaction. */
  static final String INSERT_EVENT =
      "INSERT INTO store_event (id, type, created_at, order_id) VALUES (?, 'order.placed', ?, ?)";

  static final String TAKE_STOCK =
      "UPDATE product SET inventory_count = inventory_count - ?, version = version + 1"
          + " WHERE id = ? AND inventory_count >= ?";
  static final String INSERT_ORDER =
      "INSERT INTO purchase_order (shopping_cart_id, total, created_at) VALUES (?, ?, ?)";
  static final String STOCK_LEFT =
      "SELECT id, producer_id, title, price, inventory_count, version"
          + " FROM product WHERE id = ANY(?) ORDER BY id";
  static final String INSERT_ORDER_PART =
      "INSERT INTO purchase_order_part (order_id, producer_id, status)"
          + " VALUES (?, ?, 'pending')";
  static final String INSERT_ORDER_LINE =
      "INSERT INTO purchase_order_line"
          + " (order_id, line_no, product_id, producer_id, title, unit_price, quantity)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";

  /** Which statements the loop issues. */
  enum Shape {
    /** The server's checkout on PostgreSQL: the lock, one read and {@link #PLACE}. */
    PLACE,
    /** The server's checkout over the generic SQL: the lock, one read and 5 + lines statements. */
    STEPWISE
  }

  static final String MARK_CHECKED_OUT =
      "UPDATE shopping_cart SET status = ?, order_id = ?, changed_at = NULL"
          + " WHERE id = ? AND status = ?";

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
            "INSERT INTO shopping_cart (status, cached_price, created_at, changed_at)"
                + " SELECT 'open', 0, now(), now() FROM generate_series(1, ?) RETURNING id")) {
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
    return run(connector, carts, threads, warmup, duration, Shape.PLACE);
  }

  /**
   * As {@link #run(Connector, List, int, Duration, Duration)}, issuing {@code shape}'s statements.
   */
  static Result run(
      Connector connector,
      List<Long> carts,
      int threads,
      Duration warmup,
      Duration duration,
      Shape shape)
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
                    Statements s = new Statements(c, shape)) {
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
    private final Shape shape;
    private final PreparedStatement lockCart;
    private final PreparedStatement loadCart;
    private final PreparedStatement place;
    private final PreparedStatement takeStock;
    private final PreparedStatement stockLeft;
    private final PreparedStatement insertOrder;
    private final PreparedStatement insertOrderPart;
    private final PreparedStatement insertOrderLine;
    private final PreparedStatement markCheckedOut;
    private final PreparedStatement insertEvent;

    Statements(Connection c, Shape shape) throws SQLException {
      this.connection = c;
      this.shape = shape;
      lockCart = c.prepareStatement(LOCK_CART);
      loadCart = c.prepareStatement(LOAD_CART);
      place = c.prepareStatement(PLACE);
      takeStock = c.prepareStatement(TAKE_STOCK);
      stockLeft = c.prepareStatement(STOCK_LEFT);
      insertOrder = c.prepareStatement(INSERT_ORDER, new String[] {"id"});
      insertOrderPart = c.prepareStatement(INSERT_ORDER_PART);
      insertOrderLine = c.prepareStatement(INSERT_ORDER_LINE);
      markCheckedOut = c.prepareStatement(MARK_CHECKED_OUT);
      insertEvent = c.prepareStatement(INSERT_EVENT);
    }

    /** The event row the server writes for a placed order (no delivery target configured). */
    private boolean recordPlaced(long orderId) throws SQLException {
      insertEvent.setString(1, "evt_" + UUID.randomUUID());
      insertEvent.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
      insertEvent.setLong(3, orderId);
      return insertEvent.executeUpdate() == 1;
    }

    private record Line(long productId, int quantity) {}

    private record ProductRow(long producerId, String title, BigDecimal price) {}

    /** One checkout; false when the cart is not open or a line lacks stock (caller rolls back). */
    boolean checkout(long cartId) throws SQLException {
      lockCart.setLong(1, cartId);
      try (ResultSet rs = lockCart.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
      }
      List<Line> lines = new ArrayList<>();
      Map<Long, ProductRow> products = new HashMap<>();
      String status = null;
      loadCart.setLong(1, cartId);
      try (ResultSet rs = loadCart.executeQuery()) {
        while (rs.next()) {
          status = rs.getString(2);
          rs.getBigDecimal(3);
          rs.getObject(5, OffsetDateTime.class);
          rs.getLong(6);
          if (!rs.wasNull()) {
            lines.add(new Line(rs.getLong(7), rs.getInt(8)));
          }
          long productId = rs.getLong(10);
          if (!rs.wasNull()) {
            rs.getInt(14);
            rs.getLong(15);
            products.put(
                productId, new ProductRow(rs.getLong(11), rs.getString(12), rs.getBigDecimal(13)));
          }
        }
      }
      if (!"open".equals(status) || lines.isEmpty()) {
        return false;
      }
      lines.sort((a, b) -> Long.compare(a.productId(), b.productId()));
      Long[] ids = lines.stream().map(Line::productId).toArray(Long[]::new);
      BigDecimal total = BigDecimal.ZERO;
      Set<Long> producers = new LinkedHashSet<>();
      for (Line line : lines) {
        ProductRow product = products.get(line.productId());
        if (product == null) {
          return false;
        }
        total = total.add(product.price().multiply(BigDecimal.valueOf(line.quantity())));
        producers.add(product.producerId());
      }
      return shape == Shape.PLACE
          ? place(cartId, lines, products, producers, total)
          : stepwise(cartId, lines, products, producers, total, ids);
    }

    private boolean place(
        long cartId,
        List<Line> lines,
        Map<Long, ProductRow> products,
        Set<Long> producers,
        BigDecimal total)
        throws SQLException {
      int n = lines.size();
      Long[] ids = new Long[n];
      Integer[] quantities = new Integer[n];
      Long[] lineProducers = new Long[n];
      String[] titles = new String[n];
      String[] prices = new String[n];
      for (int i = 0; i < n; i++) {
        Line line = lines.get(i);
        ProductRow product = products.get(line.productId());
        ids[i] = line.productId();
        quantities[i] = line.quantity();
        lineProducers[i] = product.producerId();
        titles[i] = product.title();
        prices[i] = product.price().toPlainString();
      }
      Array idArray = connection.createArrayOf("bigint", ids);
      Array quantityArray = connection.createArrayOf("integer", quantities);
      place.setArray(1, idArray);
      place.setArray(2, quantityArray);
      place.setLong(3, cartId);
      place.setBigDecimal(4, total);
      place.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
      place.setInt(6, n);
      place.setArray(7, connection.createArrayOf("bigint", producers.toArray()));
      place.setArray(8, idArray);
      place.setArray(9, connection.createArrayOf("bigint", lineProducers));
      place.setArray(10, connection.createArrayOf("varchar", titles));
      place.setArray(11, connection.createArrayOf("varchar", prices));
      place.setArray(12, quantityArray);
      place.setLong(13, cartId);
      boolean placed = false;
      long orderId = 0;
      try (ResultSet rs = place.executeQuery()) {
        while (rs.next()) {
          if (rs.getInt(1) == 1) {
            placed = rs.getInt(3) == 1;
            orderId = rs.getLong(2);
          }
        }
      }
      return placed && recordPlaced(orderId);
    }

    private boolean stepwise(
        long cartId,
        List<Line> lines,
        Map<Long, ProductRow> products,
        Set<Long> producers,
        BigDecimal total,
        Long[] ids)
        throws SQLException {
      for (Line line : lines) {
        takeStock.setInt(1, line.quantity());
        takeStock.setLong(2, line.productId());
        takeStock.setInt(3, line.quantity());
        if (takeStock.executeUpdate() != 1) {
          return false;
        }
      }
      stockLeft.setArray(1, connection.createArrayOf("bigint", ids));
      try (ResultSet rs = stockLeft.executeQuery()) {
        while (rs.next()) {
          rs.getInt("inventory_count");
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
      for (long producer : producers) {
        insertOrderPart.setLong(1, orderId);
        insertOrderPart.setLong(2, producer);
        insertOrderPart.addBatch();
      }
      insertOrderPart.executeBatch();
      int lineNo = 0;
      for (Line line : lines) {
        ProductRow product = products.get(line.productId());
        insertOrderLine.setLong(1, orderId);
        insertOrderLine.setInt(2, ++lineNo);
        insertOrderLine.setLong(3, line.productId());
        insertOrderLine.setLong(4, product.producerId());
        insertOrderLine.setString(5, product.title());
        insertOrderLine.setBigDecimal(6, product.price());
        insertOrderLine.setInt(7, line.quantity());
        insertOrderLine.addBatch();
      }
      insertOrderLine.executeBatch();
      markCheckedOut.setString(1, "checked_out");
      markCheckedOut.setLong(2, orderId);
      markCheckedOut.setLong(3, cartId);
      markCheckedOut.setString(4, "open");
      return markCheckedOut.executeUpdate() == 1 && recordPlaced(orderId);
    }

    @Override
    public void close() throws SQLException {
      for (PreparedStatement s :
          List.of(
              lockCart,
              loadCart,
              place,
              takeStock,
              stockLeft,
              insertOrder,
              insertOrderPart,
              insertOrderLine,
              markCheckedOut,
              insertEvent)) {
        s.close();
      }
    }
  }
}

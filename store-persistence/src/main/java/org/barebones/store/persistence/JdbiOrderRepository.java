package org.barebones.store.persistence;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.cart.CartCheckedOutException;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.order.CanceledBy;
import org.barebones.store.domain.order.NewOrder;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.order.OrderPart;
import org.barebones.store.domain.order.PartStatus;
import org.barebones.store.domain.port.CartRepository;
import org.barebones.store.domain.port.OrderRepository;
import org.barebones.store.domain.port.Placement;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.port.Restock;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Adapter: stores orders in {@code purchase_order}, their lines in {@code purchase_order_line} and
 * each producer's part of them in {@code purchase_order_part}.
 */
public final class JdbiOrderRepository implements OrderRepository {

  /** One line of an order with the order's columns repeated, and its part's shipment. */
  private record OrderLineRow(
      long id,
      long cartId,
      BigDecimal total,
      Instant createdAt,
      long productId,
      Long producerId,
      String title,
      BigDecimal unitPrice,
      int quantity,
      Instant shippedAt,
      String tracking,
      Instant canceledAt) {}

  private static final String SELECT_ORDER_LINES =
      "SELECT o.id, o.shopping_cart_id, o.total, o.created_at,"
          + " l.product_id, l.producer_id, l.title, l.unit_price, l.quantity,"
          + " pt.shipped_at, pt.tracking, pt.canceled_at";

  private static final String FROM_LINES_AND_PARTS =
      " JOIN purchase_order_line l ON l.order_id = o.id"
          + " LEFT JOIN purchase_order_part pt"
          + " ON pt.order_id = l.order_id AND pt.producer_id = l.producer_id";

  private static final RowMapper<OrderLineRow> ORDER_LINE_ROW =
      (rs, ctx) -> {
        long producer = rs.getLong("producer_id");
        Long producerId = rs.wasNull() ? null : producer;
        OffsetDateTime shippedAt = rs.getObject("shipped_at", OffsetDateTime.class);
        OffsetDateTime canceledAt = rs.getObject("canceled_at", OffsetDateTime.class);
        return new OrderLineRow(
            rs.getLong("id"),
            rs.getLong("shopping_cart_id"),
            rs.getBigDecimal("total"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            rs.getLong("product_id"),
            producerId,
            rs.getString("title"),
            rs.getBigDecimal("unit_price"),
            rs.getInt("quantity"),
            shippedAt == null ? null : shippedAt.toInstant(),
            rs.getString("tracking"),
            canceledAt == null ? null : canceledAt.toInstant());
      };

  /**
   * PostgreSQL: every line's stock (locked in ascending product id, then each conditionally
   * decremented; locked FOR NO KEY UPDATE, the lock the decrement itself takes, so that putting the
   * product in a cart, which holds it FOR KEY SHARE, never waits for a checkout), and only if every
   * line's was taken, the order, its parts, its lines and the cart's closing, in one statement. Its
   * parts see one snapshot, taken once the caller holds the cart's lock. Answers one row per
   * product whose stock was taken (kind 0: id, stock left), and one for the order if it was
   * recorded (kind 1: its id, carts closed).
   */
  private static final String PLACE_ON_POSTGRESQL =
      "WITH wanted AS ("
          + " SELECT w.product_id, w.quantity"
          + " FROM unnest(CAST(? AS bigint[]), CAST(? AS integer[]))"
          + " AS w(product_id, quantity)),"
          + " locked AS ("
          + " SELECT p.id FROM product p WHERE p.id IN (SELECT product_id FROM wanted)"
          + " ORDER BY p.id FOR NO KEY UPDATE),"
          + " taken AS ("
          + " UPDATE product p SET inventory_count = p.inventory_count - w.quantity,"
          + " version = p.version + 1"
          + " FROM wanted w, locked l"
          + " WHERE p.id = w.product_id AND l.id = p.id AND p.inventory_count >= w.quantity"
          + " RETURNING p.id, p.inventory_count),"
          + " placed AS ("
          + " INSERT INTO purchase_order (shopping_cart_id, total, created_at)"
          + " SELECT CAST(? AS bigint), CAST(? AS numeric), CAST(? AS timestamptz)"
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
          + " CAST(? AS varchar[]), CAST(? AS numeric[]), CAST(? AS integer[])) WITH ORDINALITY"
          + " AS l(product_id, producer_id, title, unit_price, quantity, line_no)),"
          + " closed AS ("
          + " UPDATE shopping_cart SET status = 'checked_out', order_id = placed.id,"
          + " changed_at = NULL FROM placed"
          + " WHERE shopping_cart.id = ? AND shopping_cart.status = 'open'"
          + " RETURNING shopping_cart.id)"
          + " SELECT 0 AS kind, id, inventory_count AS n FROM taken"
          + " UNION ALL"
          + " SELECT 1, id, CAST((SELECT count(*) FROM closed) AS integer) FROM placed";

  /**
   * PostgreSQL: cancels those of the producers' parts of one order that are still pending (a
   * conditional update: a part a shipment took first stays shipped), then gives each canceled
   * line's quantity back to its product, the products locked in ascending id as a checkout locks
   * them, in one statement. Answers one row per part canceled (kind 0: producer id) and one per
   * product given units back (kind 1: id, units, stock after); a deleted product has no row and
   * gets nothing.
   */
  private static final String CANCEL_ON_POSTGRESQL =
      "WITH canceled AS ("
          + " UPDATE purchase_order_part SET status = 'canceled', canceled_at = CAST(? AS timestamptz),"
          + " canceled_by = ?, cancel_reason = ?"
          + " WHERE order_id = ? AND producer_id = ANY(CAST(? AS bigint[])) AND status = 'pending'"
          + " RETURNING producer_id),"
          + " wanted AS ("
          + " SELECT l.product_id, l.quantity FROM purchase_order_line l"
          + " WHERE l.order_id = ? AND l.producer_id IN (SELECT producer_id FROM canceled)),"
          + " locked AS ("
          + " SELECT p.id FROM product p WHERE p.id IN (SELECT product_id FROM wanted)"
          + " ORDER BY p.id FOR NO KEY UPDATE),"
          + " restocked AS ("
          + " UPDATE product p SET inventory_count = p.inventory_count + w.quantity,"
          + " version = p.version + 1"
          + " FROM wanted w, locked l WHERE p.id = w.product_id AND l.id = p.id"
          + " RETURNING p.id, w.quantity, p.inventory_count)"
          + " SELECT 0 AS kind, producer_id AS id, 0 AS units, 0 AS n FROM canceled"
          + " UNION ALL"
          + " SELECT 1, id, quantity, inventory_count FROM restocked";

  private final JdbiTransactions transactions;
  private final Currency currency;

  /** Known once the database was first reached (at open, or else at the first placement). */
  private volatile Dialect dialect;

  public JdbiOrderRepository(JdbiTransactions transactions, Currency currency) {
    this(transactions, currency, null);
  }

  /** With the database's dialect, if known; else it is read from the first connection used. */
  JdbiOrderRepository(JdbiTransactions transactions, Currency currency, Dialect dialect) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.currency = Objects.requireNonNull(currency, "currency");
    this.dialect = dialect;
  }

  /**
   * On PostgreSQL, inside a unit of work, with this adapter's own product and cart adapters: one
   * statement ({@link #PLACE_ON_POSTGRESQL}). Otherwise the port's composition of one call at a
   * time: on H2, which lacks {@code RETURNING} and data-modifying {@code WITH}; outside a unit of
   * work, where nothing holds the cart's lock and each call stands alone; and over other adapters
   * (a wrapper, such as a test's broken control, must see its own calls made).
   */
  @Override
  public Placement place(NewOrder order, ProductRepository products, CartRepository carts) {
    boolean own =
        products instanceof JdbiProductRepository p
            && p.transactions() == transactions
            && carts instanceof JdbiCartRepository c
            && c.transactions() == transactions;
    if (!own || !transactions.isInTransaction()) {
      return OrderRepository.super.place(order, products, carts);
    }
    return transactions.withHandle(
        handle -> {
          Dialect known = dialect;
          if (known == null) {
            known = Dialect.of(handle);
            dialect = known;
          }
          return known == Dialect.POSTGRESQL
              ? placeOnPostgresql(handle, order)
              : OrderRepository.super.place(order, products, carts);
        });
  }

  private Placement placeOnPostgresql(Handle handle, NewOrder order) {
    Instant createdAt = order.createdAt().truncatedTo(ChronoUnit.MICROS);
    Money total = order.total();
    List<OrderLine> lines = order.lines();
    List<OrderPart> parts = Order.pendingParts(lines);
    int n = lines.size();
    Long[] productIds = new Long[n];
    Integer[] quantities = new Integer[n];
    Long[] producers = new Long[n];
    String[] titles = new String[n];
    String[] prices = new String[n];
    for (int i = 0; i < n; i++) {
      OrderLine line = lines.get(i);
      productIds[i] = line.productId().value();
      quantities[i] = line.quantity();
      producers[i] = line.producerId().map(ProducerId::value).orElse(null);
      titles[i] = line.title();
      // As text, cast by the statement: exact, and no driver array type for BigDecimal needed.
      prices[i] = line.unitPrice().amount().toPlainString();
    }
    Long[] partProducers = new Long[parts.size()];
    for (int i = 0; i < partProducers.length; i++) {
      partProducers[i] = parts.get(i).producerId().value();
    }
    long cart = order.cartId().value();
    List<long[]> rows;
    try {
      rows =
          Jdbc.list(
              handle,
              PLACE_ON_POSTGRESQL,
              statement -> {
                Connection connection = statement.getConnection();
                // In the order of the statement's parameters (the arrays are used twice).
                Array products = connection.createArrayOf("int8", productIds);
                Array counts = connection.createArrayOf("int4", quantities);
                statement.setArray(1, products);
                statement.setArray(2, counts);
                statement.setLong(3, cart);
                statement.setBigDecimal(4, total.amount());
                statement.setObject(5, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
                statement.setInt(6, n);
                statement.setArray(7, connection.createArrayOf("int8", partProducers));
                statement.setArray(8, products);
                statement.setArray(9, connection.createArrayOf("int8", producers));
                statement.setArray(10, connection.createArrayOf("varchar", titles));
                statement.setArray(11, connection.createArrayOf("varchar", prices));
                statement.setArray(12, counts);
                statement.setLong(13, cart);
              },
              rs -> new long[] {rs.getInt(1), rs.getLong(2), rs.getLong(3)});
    } catch (Jdbc.JdbcException e) {
      if (SqlErrors.hasSqlState(e, SqlErrors.UNIQUE_VIOLATION)) {
        throw new CartCheckedOutException(order.cartId());
      }
      throw e;
    }
    Map<ProductId, Integer> stockLeft = new HashMap<>();
    Long orderId = null;
    for (long[] row : rows) {
      if (row[0] == 0) {
        stockLeft.put(ProductId.of(row[1]), (int) row[2]);
      } else {
        if (row[2] != 1) {
          // The caller holds the cart's lock and found it open: only a caller that skipped it.
          throw new CartCheckedOutException(order.cartId());
        }
        orderId = row[1];
      }
    }
    if (orderId == null) {
      List<ProductId> shortOf = new ArrayList<>();
      for (OrderLine line : lines) {
        if (!stockLeft.containsKey(line.productId())) {
          shortOf.add(line.productId());
        }
      }
      return Placement.refused(shortOf);
    }
    return Placement.placed(
        new Order(OrderId.of(orderId), order.cartId(), total, createdAt, lines, parts), stockLeft);
  }

  @Override
  public Order add(NewOrder order) {
    // The columns keep microseconds; the returned order holds what a later read will give.
    Instant createdAt = order.createdAt().truncatedTo(ChronoUnit.MICROS);
    Money total = order.total();
    List<OrderPart> parts = Order.pendingParts(order.lines());
    long id;
    try {
      id =
          transactions.atomically(
              handle -> {
                long orderId =
                    handle
                        .createUpdate(
                            "INSERT INTO purchase_order (shopping_cart_id, total, created_at)"
                                + " VALUES (:cart, :total, :createdAt)")
                        .bind("cart", order.cartId().value())
                        .bind("total", total.amount())
                        .bind("createdAt", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one();
                if (!parts.isEmpty()) {
                  // Before the lines: each line with a producer names its part.
                  PreparedBatch partBatch =
                      handle.prepareBatch(
                          "INSERT INTO purchase_order_part (order_id, producer_id, status)"
                              + " VALUES (:order, :producer, 'pending')");
                  for (OrderPart part : parts) {
                    partBatch
                        .bind("order", orderId)
                        .bind("producer", part.producerId().value())
                        .add();
                  }
                  partBatch.execute();
                }
                PreparedBatch batch =
                    handle.prepareBatch(
                        "INSERT INTO purchase_order_line (order_id, line_no, product_id,"
                            + " producer_id, title, unit_price, quantity) VALUES (:order,"
                            + " :lineNo, :product, :producer, :title, :unitPrice, :quantity)");
                int lineNo = 0;
                for (OrderLine line : order.lines()) {
                  batch
                      .bind("order", orderId)
                      .bind("lineNo", ++lineNo)
                      .bind("product", line.productId().value())
                      .bind("producer", line.producerId().map(ProducerId::value).orElse(null))
                      .bind("title", line.title())
                      .bind("unitPrice", line.unitPrice().amount())
                      .bind("quantity", line.quantity())
                      .add();
                }
                batch.execute();
                return orderId;
              });
    } catch (UnableToExecuteStatementException e) {
      // One order per cart: checkout locks the cart, so only a caller that skipped that lands here.
      if (SqlErrors.hasSqlState(e, SqlErrors.UNIQUE_VIOLATION)) {
        throw new CartCheckedOutException(order.cartId());
      }
      throw e;
    }
    return new Order(OrderId.of(id), order.cartId(), total, createdAt, order.lines(), parts);
  }

  @Override
  public Optional<Order> findById(OrderId id) {
    List<OrderLineRow> rows =
        transactions.withHandle(
            handle ->
                handle
                    .createQuery(
                        SELECT_ORDER_LINES
                            + " FROM purchase_order o"
                            + FROM_LINES_AND_PARTS
                            + " WHERE o.id = :id ORDER BY l.line_no")
                    .bind("id", id.value())
                    .map(ORDER_LINE_ROW)
                    .list());
    List<Order> orders = orders(rows);
    return orders.isEmpty() ? Optional.empty() : Optional.of(orders.get(0));
  }

  /**
   * The orders of {@code ids} that exist, by id, read in one query on {@code handle} (the outbox's
   * claim reads every order of a batch at once, inside its own unit of work).
   */
  Map<Long, Order> findAllById(Handle handle, Collection<Long> ids) {
    List<Long> distinct = List.copyOf(new LinkedHashSet<>(ids));
    if (distinct.isEmpty()) {
      return Map.of();
    }
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < distinct.size(); i++) {
      in.append(i == 0 ? ":o" : ", :o").append(i);
    }
    var query =
        handle.createQuery(
            SELECT_ORDER_LINES
                + " FROM purchase_order o"
                + FROM_LINES_AND_PARTS
                + " WHERE o.id IN ("
                + in
                + ") ORDER BY o.id, l.line_no");
    for (int i = 0; i < distinct.size(); i++) {
      query.bind("o" + i, distinct.get(i));
    }
    Map<Long, Order> byId = new HashMap<>();
    for (Order order : orders(query.map(ORDER_LINE_ROW).list())) {
      byId.put(order.id().value(), order);
    }
    return byId;
  }

  @Override
  public Page<Order> listByProducer(
      ProducerId producer, Optional<PartStatus> status, PageRequest page) {
    Objects.requireNonNull(status, "status");
    // The page's order ids come from the producer's parts (one index range, keyset by order id);
    // the orders are then read whole, and the domain shows the producer only its own part.
    String statusFilter = status.isPresent() ? " AND status = :status" : "";
    List<OrderLineRow> rows =
        transactions.withHandle(
            handle -> {
              var query =
                  handle
                      .createQuery(
                          SELECT_ORDER_LINES
                              + " FROM (SELECT order_id FROM purchase_order_part"
                              + " WHERE producer_id = :producer"
                              + statusFilter
                              + " AND order_id > :after ORDER BY order_id LIMIT :limit) page"
                              + " JOIN purchase_order o ON o.id = page.order_id"
                              + FROM_LINES_AND_PARTS
                              + " ORDER BY o.id, l.line_no")
                      .bind("producer", producer.value())
                      .bind("after", page.after())
                      .bind("limit", page.limit() + 1);
              status.ifPresent(s -> query.bind("status", s.code()));
              return query.map(ORDER_LINE_ROW).list();
            });
    return Page.fromLookahead(orders(rows), page.limit(), order -> order.id().value());
  }

  @Override
  public boolean markShipped(
      OrderId order, ProducerId producer, Instant at, Optional<String> tracking) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(tracking, "tracking");
    Instant shippedAt = at.truncatedTo(ChronoUnit.MICROS);
    // Conditional on the part still pending: of concurrent shipments the first to commit changes
    // the row; the others wait for its lock, then find it shipped and change nothing.
    int changed =
        transactions.atomically(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE purchase_order_part"
                            + " SET status = 'shipped', shipped_at = :at, tracking = :tracking"
                            + " WHERE order_id = :order AND producer_id = :producer"
                            + " AND status = 'pending'")
                    .bind("at", OffsetDateTime.ofInstant(shippedAt, ZoneOffset.UTC))
                    .bind("tracking", tracking.orElse(null))
                    .bind("order", order.value())
                    .bind("producer", producer.value())
                    .execute());
    return changed == 1;
  }

  @Override
  public boolean markCanceled(
      OrderId order, ProducerId producer, Instant at, CanceledBy by, Optional<String> reason) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(reason, "reason");
    Instant canceledAt = at.truncatedTo(ChronoUnit.MICROS);
    // Conditional on the part still pending, like a shipment: of the two racing for a part the
    // first
    // to commit changes the row; the other waits for its lock, then finds it no longer pending.
    int changed =
        transactions.atomically(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE purchase_order_part SET status = 'canceled', canceled_at = :at,"
                            + " canceled_by = :by, cancel_reason = :reason"
                            + " WHERE order_id = :order AND producer_id = :producer"
                            + " AND status = 'pending'")
                    .bind("at", OffsetDateTime.ofInstant(canceledAt, ZoneOffset.UTC))
                    .bind("by", by.code())
                    .bind("reason", reason.orElse(null))
                    .bind("order", order.value())
                    .bind("producer", producer.value())
                    .execute());
    return changed == 1;
  }

  /**
   * On PostgreSQL, inside a unit of work, with this adapter's own product adapter: one statement
   * ({@link #CANCEL_ON_POSTGRESQL}). Otherwise the port's composition of one call at a time (on H2,
   * which lacks data-modifying {@code WITH}; outside a unit of work; over other adapters, such as a
   * test's broken control).
   */
  @Override
  public Restock cancelPending(
      OrderId order,
      Collection<ProducerId> producers,
      Instant at,
      CanceledBy by,
      Optional<String> reason,
      ProductRepository products) {
    boolean own = products instanceof JdbiProductRepository p && p.transactions() == transactions;
    if (!own || !transactions.isInTransaction()) {
      return OrderRepository.super.cancelPending(order, producers, at, by, reason, products);
    }
    return transactions.withHandle(
        handle -> {
          Dialect known = dialect;
          if (known == null) {
            known = Dialect.of(handle);
            dialect = known;
          }
          return known == Dialect.POSTGRESQL
              ? cancelOnPostgresql(handle, order, producers, at, by, reason)
              : OrderRepository.super.cancelPending(order, producers, at, by, reason, products);
        });
  }

  private Restock cancelOnPostgresql(
      Handle handle,
      OrderId order,
      Collection<ProducerId> producers,
      Instant at,
      CanceledBy by,
      Optional<String> reason) {
    Long[] ids = producers.stream().map(ProducerId::value).toArray(Long[]::new);
    OffsetDateTime canceledAt =
        OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    List<long[]> rows =
        Jdbc.list(
            handle,
            CANCEL_ON_POSTGRESQL,
            statement -> {
              statement.setObject(1, canceledAt);
              statement.setString(2, by.code());
              statement.setString(3, reason.orElse(null));
              statement.setLong(4, order.value());
              statement.setArray(5, statement.getConnection().createArrayOf("int8", ids));
              statement.setLong(6, order.value());
            },
            rs -> new long[] {rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)});
    List<ProducerId> canceled = new ArrayList<>();
    Map<ProductId, Integer> returned = new HashMap<>();
    Map<ProductId, Integer> stockAfter = new HashMap<>();
    for (long[] row : rows) {
      if (row[0] == 0) {
        canceled.add(ProducerId.of(row[1]));
      } else {
        returned.put(ProductId.of(row[1]), (int) row[2]);
        stockAfter.put(ProductId.of(row[1]), (int) row[3]);
      }
    }
    canceled.sort(null);
    return new Restock(canceled, returned, stockAfter);
  }

  /** Orders from their line rows, which come grouped by order and in line order. */
  private List<Order> orders(List<OrderLineRow> rows) {
    Map<Long, List<OrderLineRow>> byOrder = new LinkedHashMap<>();
    for (OrderLineRow row : rows) {
      byOrder.computeIfAbsent(row.id(), k -> new ArrayList<>()).add(row);
    }
    List<Order> orders = new ArrayList<>(byOrder.size());
    for (List<OrderLineRow> lines : byOrder.values()) {
      orders.add(order(lines));
    }
    return orders;
  }

  private Order order(List<OrderLineRow> rows) {
    OrderLineRow first = rows.get(0);
    List<OrderLine> lines = new ArrayList<>(rows.size());
    Map<Long, OrderPart> parts = new LinkedHashMap<>();
    for (OrderLineRow row : rows) {
      Optional<ProducerId> producer = Optional.ofNullable(row.producerId()).map(ProducerId::of);
      lines.add(
          new OrderLine(
              ProductId.of(row.productId()),
              producer,
              row.title(),
              new Money(row.unitPrice(), currency),
              row.quantity()));
      producer.ifPresent(
          p ->
              parts.putIfAbsent(
                  p.value(),
                  new OrderPart(
                      p,
                      Optional.ofNullable(row.shippedAt()),
                      Optional.ofNullable(row.tracking()),
                      Optional.ofNullable(row.canceledAt()))));
    }
    return new Order(
        OrderId.of(first.id()),
        CartId.of(first.cartId()),
        new Money(first.total(), currency),
        first.createdAt(),
        lines,
        List.copyOf(parts.values()));
  }
}

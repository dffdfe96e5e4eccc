package org.barebones.store.persistence;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.barebones.store.domain.event.Delivery;
import org.barebones.store.domain.event.EventData;
import org.barebones.store.domain.event.EventId;
import org.barebones.store.domain.event.EventTarget;
import org.barebones.store.domain.event.EventType;
import org.barebones.store.domain.event.FailedDelivery;
import org.barebones.store.domain.event.OrderCanceled;
import org.barebones.store.domain.event.OrderPlaced;
import org.barebones.store.domain.event.OrderShipped;
import org.barebones.store.domain.event.OutboxStats;
import org.barebones.store.domain.event.ProductBackInStock;
import org.barebones.store.domain.event.ProductOutOfStock;
import org.barebones.store.domain.event.RecordedEvent;
import org.barebones.store.domain.event.StoreEvent;
import org.barebones.store.domain.order.CanceledBy;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderStatus;
import org.barebones.store.domain.port.EventOutbox;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Adapter: the outbox in {@code store_event} and {@code event_delivery}. Events are appended on the
 * unit of work's handle, so they commit or roll back with the change. Deliveries are claimed with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} (PostgreSQL and H2 alike), so that claimers on several
 * nodes never wait for or take each other's rows, and the claim moves {@code next_attempt_at} to
 * the end of the lease: a claim needs no other state, and a dead node's claims expire by
 * themselves.
 */
public final class JdbiEventOutbox implements EventOutbox {

  private static final System.Logger LOG = System.getLogger(JdbiEventOutbox.class.getName());

  /** The width of {@code event_delivery.last_error}. */
  private static final int MAX_ERROR_LENGTH = 500;

  private static final String EVENT_COLUMNS =
      "e.seq, e.id, e.type, e.created_at, e.order_id, e.producer_id, e.product_id, e.title,"
          + " e.price, e.inventory_count, e.product_version, e.tracking, e.shipped_at,"
          + " e.order_status, e.canceled_by, e.reason, e.canceled_at";

  /** One {@code store_event} row, before its data is rebuilt. */
  private record EventRow(
      long seq,
      String id,
      String type,
      Instant createdAt,
      Long orderId,
      Long producerId,
      Long productId,
      String title,
      BigDecimal price,
      Integer inventoryCount,
      Long productVersion,
      String tracking,
      Instant shippedAt,
      String orderStatus,
      String canceledBy,
      String reason,
      Instant canceledAt) {}

  private record DeliveryRow(
      long id, long eventSeq, String target, int attempts, Instant queuedAt) {}

  private final JdbiTransactions transactions;
  private final JdbiOrderRepository orders;
  private final Currency currency;

  public JdbiEventOutbox(
      JdbiTransactions transactions, JdbiOrderRepository orders, Currency currency) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.currency = Objects.requireNonNull(currency, "currency");
  }

  @Override
  public void append(StoreEvent event, Collection<String> targets) {
    Objects.requireNonNull(event, "event");
    List<String> distinct = List.copyOf(new LinkedHashSet<>(targets));
    OffsetDateTime createdAt = utc(event.createdAt());
    transactions.atomically(
        handle -> {
          long seq =
              Jdbc.insertReturningKey(
                  handle,
                  "INSERT INTO store_event (id, type, created_at, order_id, producer_id,"
                      + " product_id, title, price, inventory_count, product_version,"
                      + " tracking, shipped_at, order_status, canceled_by, reason, canceled_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  "seq",
                  statement -> {
                    statement.setString(1, event.id().value());
                    statement.setString(2, event.type().wireName());
                    statement.setObject(3, createdAt);
                    bindData(statement, event.data());
                  });
          if (!distinct.isEmpty()) {
            try (PreparedStatement batch =
                handle
                    .getConnection()
                    .prepareStatement(
                        "INSERT INTO event_delivery (event_seq, target, status, attempts,"
                            + " queued_at, next_attempt_at) VALUES (?, ?, 'pending', 0, ?, ?)")) {
              for (String target : distinct) {
                batch.setLong(1, seq);
                batch.setString(2, target);
                batch.setObject(3, createdAt);
                batch.setObject(4, createdAt);
                batch.addBatch();
              }
              batch.executeBatch();
            } catch (SQLException e) {
              throw new Jdbc.JdbcException("INSERT INTO event_delivery", e);
            }
          }
          return null;
        });
  }

  /** Parameters 4 to 16 of the event's insert: the typed columns of its data, the others null. */
  private static void bindData(PreparedStatement statement, EventData data) throws SQLException {
    Long orderId = null;
    Long producerId = null;
    Long productId = null;
    String title = null;
    BigDecimal price = null;
    Integer inventory = null;
    Long version = null;
    String tracking = null;
    OffsetDateTime shippedAt = null;
    String orderStatus = null;
    String canceledBy = null;
    String reason = null;
    OffsetDateTime canceledAt = null;
    Product product = null;
    if (data instanceof OrderPlaced placed) {
      orderId = placed.order().id().value();
    } else if (data instanceof OrderShipped shipped) {
      orderId = shipped.orderId().value();
      producerId = shipped.producerId().value();
      tracking = shipped.tracking().orElse(null);
      shippedAt = utc(shipped.shippedAt());
      orderStatus = shipped.orderStatus().code();
    } else if (data instanceof OrderCanceled canceled) {
      orderId = canceled.orderId().value();
      producerId = canceled.producerId().value();
      canceledBy = canceled.canceledBy().code();
      reason = canceled.reason().orElse(null);
      canceledAt = utc(canceled.canceledAt());
      orderStatus = canceled.orderStatus().code();
    } else if (data instanceof ProductOutOfStock out) {
      product = out.product();
    } else if (data instanceof ProductBackInStock back) {
      product = back.product();
    }
    if (product != null) {
      Product p = product;
      producerId = p.producerId().value();
      productId = p.id().value();
      title = p.title();
      price = p.price().amount();
      inventory = p.inventoryCount();
      version = p.version();
    }
    Jdbc.setNullableLong(statement, 4, orderId);
    Jdbc.setNullableLong(statement, 5, producerId);
    Jdbc.setNullableLong(statement, 6, productId);
    statement.setString(7, title);
    if (price == null) {
      statement.setNull(8, Types.NUMERIC);
    } else {
      statement.setBigDecimal(8, price);
    }
    if (inventory == null) {
      statement.setNull(9, Types.INTEGER);
    } else {
      statement.setInt(9, inventory);
    }
    Jdbc.setNullableLong(statement, 10, version);
    statement.setString(11, tracking);
    if (shippedAt == null) {
      statement.setNull(12, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(12, shippedAt);
    }
    statement.setString(13, orderStatus);
    statement.setString(14, canceledBy);
    statement.setString(15, reason);
    if (canceledAt == null) {
      statement.setNull(16, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(16, canceledAt);
    }
  }

  @Override
  public Page<RecordedEvent> list(PageRequest page) {
    return transactions.withHandle(
        handle -> {
          List<EventRow> rows =
              handle
                  .createQuery(
                      "SELECT "
                          + EVENT_COLUMNS
                          + " FROM store_event e WHERE e.seq > :after ORDER BY e.seq LIMIT :limit")
                  .bind("after", page.after())
                  .bind("limit", page.limit() + 1)
                  .map((rs, ctx) -> eventRow(rs))
                  .list();
          boolean more = rows.size() > page.limit();
          List<EventRow> shown = more ? rows.subList(0, page.limit()) : rows;
          Map<Long, Loaded> loaded = read(handle, shown);
          List<RecordedEvent> events = new ArrayList<>();
          for (EventRow row : shown) {
            StoreEvent event = loaded.get(row.seq()).event();
            if (event != null) { // one this version cannot read is left out
              events.add(new RecordedEvent(row.seq(), event));
            }
          }
          // The key is the last row read, readable or not, so that paging moves past the others.
          return new Page<>(
              events,
              more ? OptionalLong.of(shown.get(shown.size() - 1).seq()) : OptionalLong.empty());
        });
  }

  @Override
  public List<Delivery> claim(Collection<String> targets, Instant now, Duration lease, int limit) {
    List<String> names = List.copyOf(new LinkedHashSet<>(targets));
    if (names.isEmpty() || limit < 1) {
      return List.of();
    }
    String token = UUID.randomUUID().toString();
    return transactions.atomically(
        handle -> {
          var query =
              handle
                  .createQuery(
                      "SELECT d.id, d.event_seq, d.target, d.attempts, d.queued_at"
                          + " FROM event_delivery d"
                          + " WHERE d.status = 'pending' AND d.next_attempt_at <= :now"
                          + " AND d.target IN ("
                          + placeholders("t", names.size())
                          + ") ORDER BY d.next_attempt_at, d.id LIMIT :limit"
                          + " FOR UPDATE SKIP LOCKED")
                  .bind("now", utc(now))
                  .bind("limit", limit);
          for (int i = 0; i < names.size(); i++) {
            query.bind("t" + i, names.get(i));
          }
          List<DeliveryRow> rows =
              query
                  .map(
                      (rs, ctx) ->
                          new DeliveryRow(
                              rs.getLong(1),
                              rs.getLong(2),
                              rs.getString(3),
                              rs.getInt(4),
                              instant(rs, 5)))
                  .list();
          if (rows.isEmpty()) {
            return List.of();
          }
          Update update =
              handle
                  .createUpdate(
                      "UPDATE event_delivery SET next_attempt_at = :until, claim_token = :token"
                          + " WHERE id IN ("
                          + placeholders("d", rows.size())
                          + ")")
                  .bind("until", utc(now.plus(lease)))
                  .bind("token", token);
          for (int i = 0; i < rows.size(); i++) {
            update.bind("d" + i, rows.get(i).id());
          }
          update.execute();
          Map<Long, Loaded> events =
              loadEvents(handle, rows.stream().map(DeliveryRow::eventSeq).toList());
          List<Delivery> claimed = new ArrayList<>(rows.size());
          for (DeliveryRow r : rows) {
            Loaded event = events.get(r.eventSeq());
            if (event != null && event.event() != null) {
              claimed.add(
                  new Delivery(
                      r.id(), r.target(), event.event(), r.attempts(), r.queuedAt(), token));
            } else {
              setAside(handle, r, event == null ? "its event is missing" : event.problem(), now);
            }
          }
          return List.copyOf(claimed);
        });
  }

  /**
   * Marks a claimed delivery whose event cannot be read failed, in the claim's unit of work, with
   * the reason as its last error and no attempt counted: it never reaches a target and never blocks
   * the batch again, and an operator sees it among the failed deliveries (and may re-queue it, say
   * once every node runs a version that knows its type).
   */
  private static void setAside(Handle handle, DeliveryRow row, String problem, Instant now) {
    String reason = truncate("unreadable event: " + problem);
    handle
        .createUpdate(
            "UPDATE event_delivery SET status = 'failed', claim_token = NULL,"
                + " next_attempt_at = :now, settled_at = :now, last_error = :reason"
                + " WHERE id = :id")
        .bind("now", utc(now))
        .bind("reason", reason)
        .bind("id", row.id())
        .execute();
    LOG.log(
        Level.WARNING,
        "Delivery {0} to {1} set aside as failed: {2}",
        row.id(),
        EventTarget.redact(row.target()),
        reason);
  }

  private static String truncate(String text) {
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
  }

  @Override
  public boolean markDelivered(Delivery claimed, Instant at) {
    return settle(claimed, "delivered", at, at, null);
  }

  @Override
  public boolean markRetry(Delivery claimed, Instant nextAttempt, String error) {
    return settle(claimed, "pending", nextAttempt, null, error);
  }

  @Override
  public boolean markFailed(Delivery claimed, Instant at, String error) {
    return settle(claimed, "failed", at, at, error);
  }

  private boolean settle(
      Delivery claimed, String status, Instant nextAttempt, Instant settledAt, String error) {
    return transactions.atomically(
        handle -> {
          Update update =
              handle
                  .createUpdate(
                      "UPDATE event_delivery SET status = :status, attempts = attempts + 1,"
                          + " next_attempt_at = :next, claim_token = NULL,"
                          + " last_error = COALESCE(:error, last_error), settled_at = :settled"
                          + " WHERE id = :id AND claim_token = :token AND status = 'pending'")
                  .bind("status", status)
                  .bind("next", utc(nextAttempt))
                  .bind("id", claimed.id())
                  .bind("token", claimed.claimToken());
          if (error == null) {
            update.bindNull("error", Types.VARCHAR);
          } else {
            update.bind("error", error);
          }
          if (settledAt == null) {
            update.bindNull("settled", Types.TIMESTAMP_WITH_TIMEZONE);
          } else {
            update.bind("settled", utc(settledAt));
          }
          return update.execute() == 1;
        });
  }

  @Override
  public List<FailedDelivery> failed(int limit) {
    return setAside("failed", limit);
  }

  @Override
  public List<FailedDelivery> abandoned(int limit) {
    return setAside("abandoned", limit);
  }

  /** Deliveries of one set-aside status, named by their event's id and type (read or not). */
  private List<FailedDelivery> setAside(String status, int limit) {
    return transactions.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT d.id, d.target, e.id, e.type, d.attempts, d.last_error, d.settled_at"
                        + " FROM event_delivery d JOIN store_event e ON e.seq = d.event_seq"
                        + " WHERE d.status = :status ORDER BY d.settled_at, d.id LIMIT :limit")
                .bind("status", status)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new FailedDelivery(
                            rs.getLong(1),
                            rs.getString(2),
                            new EventId(rs.getString(3)),
                            rs.getString(4),
                            rs.getInt(5),
                            Optional.ofNullable(rs.getString(6)).orElse(""),
                            instant(rs, 7)))
                .list());
  }

  @Override
  public int requeueFailed(Instant now) {
    return transactions.atomically(
        handle ->
            handle
                .createUpdate(
                    "UPDATE event_delivery SET status = 'pending', attempts = 0, queued_at = :now,"
                        + " next_attempt_at = :now, claim_token = NULL, settled_at = NULL"
                        + " WHERE status = 'failed'")
                .bind("now", utc(now))
                .execute());
  }

  @Override
  public int requeueAbandoned(Collection<String> targets, Instant now) {
    List<String> names = List.copyOf(new LinkedHashSet<>(targets));
    if (names.isEmpty()) {
      return 0;
    }
    return transactions.atomically(
        handle -> {
          Update update =
              handle
                  .createUpdate(
                      "UPDATE event_delivery SET status = 'pending', attempts = 0,"
                          + " queued_at = :now, next_attempt_at = :now, claim_token = NULL,"
                          + " settled_at = NULL WHERE status = 'abandoned' AND target IN ("
                          + placeholders("t", names.size())
                          + ")")
                  .bind("now", utc(now));
          for (int i = 0; i < names.size(); i++) {
            update.bind("t" + i, names.get(i));
          }
          return update.execute();
        });
  }

  @Override
  public int abandonUnconfigured(Collection<String> configured, Instant now) {
    List<String> names = List.copyOf(new LinkedHashSet<>(configured));
    return transactions.atomically(
        handle -> {
          Update update =
              handle
                  .createUpdate(
                      "UPDATE event_delivery SET status = 'abandoned', claim_token = NULL,"
                          + " settled_at = :now, last_error = :reason WHERE status = 'pending'"
                          + (names.isEmpty()
                              ? ""
                              : " AND target NOT IN (" + placeholders("t", names.size()) + ")"))
                  .bind("now", utc(now))
                  .bind("reason", ABANDONED_REASON);
          for (int i = 0; i < names.size(); i++) {
            update.bind("t" + i, names.get(i));
          }
          return update.execute();
        });
  }

  @Override
  public int purge(Instant before, int limit) {
    if (limit < 1) {
      return 0;
    }
    return transactions.atomically(
        handle -> {
          // Rows another node's purge holds are skipped, so nodes never wait for each other here.
          List<Long> deliveries =
              handle
                  .createQuery(
                      "SELECT id FROM event_delivery WHERE status <> 'pending'"
                          + " AND settled_at < :before ORDER BY id LIMIT :limit"
                          + " FOR UPDATE SKIP LOCKED")
                  .bind("before", utc(before))
                  .bind("limit", limit)
                  .mapTo(Long.class)
                  .list();
          int deleted = deleteByIds(handle, "event_delivery", "id", deliveries);
          List<Long> events =
              handle
                  .createQuery(
                      "SELECT e.seq FROM store_event e WHERE e.created_at < :before"
                          + " AND NOT EXISTS"
                          + " (SELECT 1 FROM event_delivery d WHERE d.event_seq = e.seq)"
                          + " ORDER BY e.seq LIMIT :limit FOR UPDATE SKIP LOCKED")
                  .bind("before", utc(before))
                  .bind("limit", limit)
                  .mapTo(Long.class)
                  .list();
          return deleted + deleteByIds(handle, "store_event", "seq", events);
        });
  }

  private static int deleteByIds(Handle handle, String table, String key, List<Long> ids) {
    if (ids.isEmpty()) {
      return 0;
    }
    Update delete =
        handle.createUpdate(
            "DELETE FROM "
                + table
                + " WHERE "
                + key
                + " IN ("
                + placeholders("k", ids.size())
                + ")");
    for (int i = 0; i < ids.size(); i++) {
      delete.bind("k" + i, ids.get(i));
    }
    return delete.execute();
  }

  @Override
  public OutboxStats stats() {
    return transactions.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT COUNT(*) FILTER (WHERE status = 'pending'),"
                        + " COUNT(*) FILTER (WHERE status = 'failed'),"
                        + " COUNT(*) FILTER (WHERE status = 'abandoned'),"
                        + " MIN(queued_at) FILTER (WHERE status = 'pending')"
                        + " FROM event_delivery"
                        + " WHERE status IN ('pending', 'failed', 'abandoned')")
                .map(
                    (rs, ctx) ->
                        new OutboxStats(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getLong(3),
                            Optional.ofNullable(instant(rs, 4))))
                .one());
  }

  /** An event as read: the event, or why it cannot be (then {@code event} is null). */
  private record Loaded(StoreEvent event, String problem) {}

  private Map<Long, Loaded> loadEvents(Handle handle, List<Long> seqs) {
    List<Long> distinct = List.copyOf(new LinkedHashSet<>(seqs));
    if (distinct.isEmpty()) {
      return Map.of();
    }
    var query =
        handle.createQuery(
            "SELECT "
                + EVENT_COLUMNS
                + " FROM store_event e WHERE e.seq IN ("
                + placeholders("s", distinct.size())
                + ")");
    for (int i = 0; i < distinct.size(); i++) {
      query.bind("s" + i, distinct.get(i));
    }
    return read(handle, query.map((rs, ctx) -> eventRow(rs)).list());
  }

  /**
   * Rebuilds the events of {@code rows}, reading the orders of all their {@code order.placed} and
   * {@code order.canceled} in one query. An event that cannot be rebuilt (a type this version does
   * not know, its order gone, a value out of range) is not thrown: it comes back with its problem,
   * for the caller to set it aside.
   */
  private Map<Long, Loaded> read(Handle handle, List<EventRow> rows) {
    List<Long> orderIds =
        rows.stream()
            .filter(
                r ->
                    EventType.ORDER_PLACED.wireName().equals(r.type())
                        || EventType.ORDER_CANCELED.wireName().equals(r.type()))
            .map(EventRow::orderId)
            .filter(Objects::nonNull)
            .toList();
    Map<Long, Order> batchOrders = orders.findAllById(handle, orderIds);
    Map<Long, Loaded> events = new HashMap<>();
    for (EventRow row : rows) {
      Loaded loaded;
      try {
        loaded = new Loaded(toEvent(row, batchOrders), null);
      } catch (RuntimeException e) {
        loaded =
            new Loaded(
                null,
                e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      events.put(row.seq(), loaded);
    }
    return events;
  }

  private StoreEvent toEvent(EventRow row, Map<Long, Order> batchOrders) {
    EventType type =
        EventType.fromWireName(row.type())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "unknown event type "
                            + row.type()
                            + " (recorded by a newer version of the store?)"));
    EventData data =
        switch (type) {
          case ORDER_PLACED -> new OrderPlaced(placed(row, batchOrders));
          case PRODUCT_OUT_OF_STOCK -> new ProductOutOfStock(product(row));
          case PRODUCT_BACK_IN_STOCK -> new ProductBackInStock(product(row));
          case ORDER_CANCELED -> canceled(row, batchOrders);
          case ORDER_SHIPPED ->
              new OrderShipped(
                  OrderId.of(row.orderId()),
                  ProducerId.of(row.producerId()),
                  Optional.ofNullable(row.tracking()),
                  row.shippedAt(),
                  orderStatus(row.orderStatus()));
        };
    return new StoreEvent(new EventId(row.id()), row.createdAt(), data);
  }

  private Product product(EventRow row) {
    return new Product(
        ProductId.of(row.productId()),
        ProducerId.of(row.producerId()),
        row.title(),
        new Money(row.price(), currency),
        row.inventoryCount(),
        row.productVersion());
  }

  /** An order's lines never change, so the canceled part's lines are read from the order. */
  private static OrderCanceled canceled(EventRow row, Map<Long, Order> batchOrders) {
    OrderId id = OrderId.of(row.orderId());
    ProducerId producer = ProducerId.of(row.producerId());
    Order order = batchOrders.get(row.orderId());
    if (order == null) {
      throw new IllegalStateException("order " + id + " of an event is missing");
    }
    return new OrderCanceled(
        id,
        producer,
        CanceledBy.fromCode(row.canceledBy()),
        Optional.ofNullable(row.reason()),
        row.canceledAt(),
        orderStatus(row.orderStatus()),
        order.linesOf(producer).stream().map(OrderCanceled.Line::of).toList());
  }

  /**
   * The order as it was placed: its lines never change, and its parts were all pending then, so the
   * stored order with its parts reset is it, even when it has been shipped since.
   */
  private static Order placed(EventRow row, Map<Long, Order> placedOrders) {
    Order order = row.orderId() == null ? null : placedOrders.get(row.orderId());
    if (order == null) {
      throw new IllegalStateException("order " + row.orderId() + " of the event is missing");
    }
    return order.asPlaced();
  }

  private static OrderStatus orderStatus(String code) {
    for (OrderStatus status : OrderStatus.values()) {
      if (status.code().equals(code)) {
        return status;
      }
    }
    throw new IllegalStateException("unknown order status " + code);
  }

  private static EventRow eventRow(ResultSet rs) throws SQLException {
    return new EventRow(
        rs.getLong("seq"),
        rs.getString("id"),
        rs.getString("type"),
        instant(rs, "created_at"),
        rs.getObject("order_id", Long.class),
        rs.getObject("producer_id", Long.class),
        rs.getObject("product_id", Long.class),
        rs.getString("title"),
        rs.getBigDecimal("price"),
        rs.getObject("inventory_count", Integer.class),
        rs.getObject("product_version", Long.class),
        rs.getString("tracking"),
        instant(rs, "shipped_at"),
        rs.getString("order_status"),
        rs.getString("canceled_by"),
        rs.getString("reason"),
        instant(rs, "canceled_at"));
  }

  private static String placeholders(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> ":" + prefix + i).collect(Collectors.joining(", "));
  }

  private static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }
}

package org.barebones.store.persistence;

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
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.barebones.store.domain.event.Delivery;
import org.barebones.store.domain.event.EventData;
import org.barebones.store.domain.event.EventId;
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
          List<RecordedEvent> events = new ArrayList<>();
          for (EventRow row : rows) {
            events.add(new RecordedEvent(row.seq(), toEvent(row)));
          }
          return Page.fromLookahead(events, page.limit(), RecordedEvent::sequence);
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
          Map<Long, StoreEvent> events =
              loadEvents(handle, rows.stream().map(DeliveryRow::eventSeq).toList());
          return rows.stream()
              .map(
                  r ->
                      new Delivery(
                          r.id(),
                          r.target(),
                          events.get(r.eventSeq()),
                          r.attempts(),
                          r.queuedAt(),
                          token))
              .toList();
        });
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
    return transactions.withHandle(
        handle -> {
          record FailedRow(
              long id, long eventSeq, String target, int attempts, String error, Instant at) {}
          List<FailedRow> rows =
              handle
                  .createQuery(
                      "SELECT d.id, d.event_seq, d.target, d.attempts, d.last_error, d.settled_at"
                          + " FROM event_delivery d WHERE d.status = 'failed'"
                          + " ORDER BY d.settled_at, d.id LIMIT :limit")
                  .bind("limit", limit)
                  .map(
                      (rs, ctx) ->
                          new FailedRow(
                              rs.getLong(1),
                              rs.getLong(2),
                              rs.getString(3),
                              rs.getInt(4),
                              Optional.ofNullable(rs.getString(5)).orElse(""),
                              instant(rs, 6)))
                  .list();
          Map<Long, StoreEvent> events =
              loadEvents(handle, rows.stream().map(FailedRow::eventSeq).toList());
          return rows.stream()
              .map(
                  r ->
                      new FailedDelivery(
                          r.id(),
                          r.target(),
                          events.get(r.eventSeq()),
                          r.attempts(),
                          r.error(),
                          r.at()))
              .toList();
        });
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
  public OutboxStats stats() {
    return transactions.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT COUNT(*) FILTER (WHERE status = 'pending'),"
                        + " COUNT(*) FILTER (WHERE status = 'failed'),"
                        + " MIN(queued_at) FILTER (WHERE status = 'pending')"
                        + " FROM event_delivery WHERE status IN ('pending', 'failed')")
                .map(
                    (rs, ctx) ->
                        new OutboxStats(
                            rs.getLong(1), rs.getLong(2), Optional.ofNullable(instant(rs, 3))))
                .one());
  }

  private Map<Long, StoreEvent> loadEvents(Handle handle, List<Long> seqs) {
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
    Map<Long, StoreEvent> events = new HashMap<>();
    for (EventRow row : query.map((rs, ctx) -> eventRow(rs)).list()) {
      events.put(row.seq(), toEvent(row));
    }
    return events;
  }

  private StoreEvent toEvent(EventRow row) {
    EventType type =
        EventType.fromWireName(row.type())
            .orElseThrow(() -> new IllegalStateException("unknown event type " + row.type()));
    EventData data =
        switch (type) {
          case ORDER_PLACED -> new OrderPlaced(placed(OrderId.of(row.orderId())));
          case PRODUCT_OUT_OF_STOCK -> new ProductOutOfStock(product(row));
          case PRODUCT_BACK_IN_STOCK -> new ProductBackInStock(product(row));
          case ORDER_CANCELED -> canceled(row);
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
  private OrderCanceled canceled(EventRow row) {
    OrderId id = OrderId.of(row.orderId());
    ProducerId producer = ProducerId.of(row.producerId());
    Order order =
        orders
            .findById(id)
            .orElseThrow(
                () -> new IllegalStateException("order " + id + " of an event is missing"));
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
  private Order placed(OrderId id) {
    return orders
        .findById(id)
        .orElseThrow(() -> new IllegalStateException("order " + id + " of an event is missing"))
        .asPlaced();
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

package org.barebones.store.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.cart.CartCheckedOutException;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.order.NewOrder;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.port.OrderRepository;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Adapter: stores orders in {@code purchase_order} and their lines in {@code purchase_order_line}.
 */
public final class JdbiOrderRepository implements OrderRepository {

  /** One line of an order, with the order's columns repeated. */
  private record OrderLineRow(
      long id,
      long cartId,
      BigDecimal total,
      Instant createdAt,
      long productId,
      String title,
      BigDecimal unitPrice,
      int quantity) {}

  private static final RowMapper<OrderLineRow> ORDER_LINE_ROW =
      (rs, ctx) ->
          new OrderLineRow(
              rs.getLong("id"),
              rs.getLong("shopping_cart_id"),
              rs.getBigDecimal("total"),
              rs.getObject("created_at", OffsetDateTime.class).toInstant(),
              rs.getLong("product_id"),
              rs.getString("title"),
              rs.getBigDecimal("unit_price"),
              rs.getInt("quantity"));

  private final JdbiTransactions transactions;
  private final Currency currency;

  public JdbiOrderRepository(JdbiTransactions transactions, Currency currency) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.currency = Objects.requireNonNull(currency, "currency");
  }

  @Override
  public Order add(NewOrder order) {
    // The columns keep microseconds; the returned order holds what a later read will give.
    Instant createdAt = order.createdAt().truncatedTo(ChronoUnit.MICROS);
    Money total = order.total();
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
                PreparedBatch batch =
                    handle.prepareBatch(
                        "INSERT INTO purchase_order_line"
                            + " (order_id, line_no, product_id, title, unit_price, quantity)"
                            + " VALUES (:order, :lineNo, :product, :title, :unitPrice, :quantity)");
                int lineNo = 0;
                for (OrderLine line : order.lines()) {
                  batch
                      .bind("order", orderId)
                      .bind("lineNo", ++lineNo)
                      .bind("product", line.productId().value())
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
    return new Order(OrderId.of(id), order.cartId(), total, createdAt, order.lines());
  }

  @Override
  public Optional<Order> findById(OrderId id) {
    List<OrderLineRow> rows =
        transactions.withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT o.id, o.shopping_cart_id, o.total, o.created_at,"
                            + " l.product_id, l.title, l.unit_price, l.quantity"
                            + " FROM purchase_order o"
                            + " JOIN purchase_order_line l ON l.order_id = o.id"
                            + " WHERE o.id = :id ORDER BY l.line_no")
                    .bind("id", id.value())
                    .map(ORDER_LINE_ROW)
                    .list());
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    OrderLineRow first = rows.get(0);
    return Optional.of(
        new Order(
            OrderId.of(first.id()),
            CartId.of(first.cartId()),
            new Money(first.total(), currency),
            first.createdAt(),
            rows.stream()
                .map(
                    row ->
                        new OrderLine(
                            ProductId.of(row.productId()),
                            row.title(),
                            new Money(row.unitPrice(), currency),
                            row.quantity()))
                .toList()));
  }
}

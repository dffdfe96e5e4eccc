package org.barebones.store.app.testing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.barebones.store.app.testing.Ledger.Entry;
import org.barebones.store.app.testing.Ledger.Outcome;

/**
 * Test support: checks the store's books straight from its tables, after a load. It reports every
 * violation it finds rather than stopping at the first, so that a control run against a broken
 * store can show that it finds them.
 *
 * <p>The rules: for every product of the load, units in orders that are not canceled plus stock
 * left equal the stock at the start (a canceled part's units went back to stock in its
 * cancellation's transaction), and stock is never negative; every canceled part has exactly one
 * {@code order.canceled} event and no other part has one; every cancellation answered 200 canceled
 * the whole order; every order has lines and a total equal to their sum; a cart is checked out
 * exactly when one order names it, and that order holds the cart's lines; and what the clients were
 * told agrees with the tables (one order per 200, none per 409).
 */
public final class Accounting {

  private Accounting() {}

  /** What the books hold, and what is wrong with them (nothing, when the store kept its word). */
  public record Report(
      int products,
      long unitsAtStart,
      long unitsSold,
      long unitsRestocked,
      long unitsLeft,
      int orders,
      long bought,
      long refused,
      long unknown,
      long unknownThatBought,
      List<String> violations) {

    public boolean holds() {
      return violations.isEmpty();
    }

    public String figures() {
      return String.format(
          "%d products, %d units at start = %d sold (in orders not canceled; %d restocked by"
              + " cancellations) + %d left; %d orders; %d checkouts answered 200, %d answered 409,"
              + " %d unknown (%d of them bought); %d violation(s)",
          products,
          unitsAtStart,
          unitsSold,
          unitsRestocked,
          unitsLeft,
          orders,
          bought,
          refused,
          unknown,
          unknownThatBought,
          violations.size());
    }

    @Override
    public String toString() {
      return figures()
          + (violations.isEmpty()
              ? ""
              : "\n  "
                  + String.join("\n  ", violations.subList(0, Math.min(20, violations.size()))));
    }
  }

  private record OrderRow(long id, long cartId, BigDecimal total) {}

  private record CartRow(long id, String status, Long orderId) {}

  /**
   * Checks the books of a database whose every checkout went through {@code ledger}: then also
   * every order must belong to a checkout the clients made.
   *
   * @param startStock the stock of each product of the load when it began
   */
  public static Report check(Connection db, Map<Long, Integer> startStock, Ledger ledger)
      throws SQLException {
    return check(db, startStock, ledger, true);
  }

  /**
   * Checks the books.
   *
   * @param startStock the stock of each product of the load when it began
   * @param complete whether {@code ledger} holds every checkout ever made on this database
   */
  public static Report check(
      Connection db, Map<Long, Integer> startStock, Ledger ledger, boolean complete)
      throws SQLException {
    List<String> violations = new ArrayList<>(ledger.conflicts());

    Map<Long, Integer> stock = new HashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, inventory_count FROM product")) {
      while (rs.next()) {
        stock.put(rs.getLong(1), rs.getInt(2));
      }
    }
    Map<Long, OrderRow> orders = new HashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, shopping_cart_id, total FROM purchase_order")) {
      while (rs.next()) {
        orders.put(rs.getLong(1), new OrderRow(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3)));
      }
    }
    Map<Long, Map<Long, Integer>> orderLines = new HashMap<>();
    Map<Long, BigDecimal> orderSums = new HashMap<>();
    Map<Long, Long> sold = new HashMap<>();
    Map<Long, Long> restocked = new HashMap<>();
    // Each line with its part's status: a canceled part's units are back in stock.
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT l.order_id, l.product_id, l.unit_price, l.quantity, pt.status"
                    + " FROM purchase_order_line l LEFT JOIN purchase_order_part pt"
                    + " ON pt.order_id = l.order_id AND pt.producer_id = l.producer_id")) {
      while (rs.next()) {
        long order = rs.getLong(1);
        long product = rs.getLong(2);
        int quantity = rs.getInt(4);
        orderLines
            .computeIfAbsent(order, o -> new HashMap<>())
            .merge(product, quantity, Integer::sum);
        orderSums.merge(
            order, rs.getBigDecimal(3).multiply(BigDecimal.valueOf(quantity)), BigDecimal::add);
        if ("canceled".equals(rs.getString(5))) {
          restocked.merge(product, (long) quantity, Long::sum);
        } else {
          sold.merge(product, (long) quantity, Long::sum);
        }
        if (!orders.containsKey(order)) {
          violations.add("order line of a missing order " + order);
        }
      }
    }
    Map<Long, CartRow> carts = new HashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, status, order_id FROM shopping_cart")) {
      while (rs.next()) {
        long orderId = rs.getLong(3);
        carts.put(
            rs.getLong(1),
            new CartRow(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : orderId));
      }
    }
    Map<Long, Map<Long, Integer>> cartLines = new HashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT shopping_cart_id, product_id, quantity FROM shopping_cart_entry")) {
      while (rs.next()) {
        cartLines
            .computeIfAbsent(rs.getLong(1), c -> new HashMap<>())
            .put(rs.getLong(2), rs.getInt(3));
      }
    }

    violations.addAll(cancellations(db, ledger));

    // Stock: nothing lost, nothing made up, never below zero.
    long unitsAtStart = 0;
    long unitsSold = 0;
    long unitsRestocked = 0;
    long unitsLeft = 0;
    for (Map.Entry<Long, Integer> e : startStock.entrySet()) {
      long product = e.getKey();
      Integer left = stock.get(product);
      long unitsInOrders = sold.getOrDefault(product, 0L);
      unitsAtStart += e.getValue();
      unitsSold += unitsInOrders;
      unitsRestocked += restocked.getOrDefault(product, 0L);
      if (left == null) {
        violations.add("product " + product + " of the load is gone");
        continue;
      }
      unitsLeft += left;
      if (left < 0) {
        violations.add("product " + product + " has negative stock " + left);
      }
      if (unitsInOrders + left != e.getValue()) {
        violations.add(
            "product "
                + product
                + ": "
                + unitsInOrders
                + " units in orders not canceled + "
                + left
                + " left != "
                + e.getValue()
                + " at start");
      }
    }
    stock.forEach(
        (product, left) -> {
          if (left < 0) {
            violations.add("product " + product + " has negative stock " + left);
          }
        });

    // Orders: whole, and named by their cart.
    Map<Long, Long> ordersPerCart = new HashMap<>();
    for (OrderRow order : orders.values()) {
      ordersPerCart.merge(order.cartId(), 1L, Long::sum);
      Map<Long, Integer> lines = orderLines.get(order.id());
      if (lines == null || lines.isEmpty()) {
        violations.add("order " + order.id() + " has no lines (half written)");
        continue;
      }
      BigDecimal sum = orderSums.get(order.id());
      if (sum.compareTo(order.total()) != 0) {
        violations.add(
            "order " + order.id() + " totals " + order.total() + " but its lines sum to " + sum);
      }
      CartRow cart = carts.get(order.cartId());
      if (cart == null) {
        continue; // a cart may be deleted; its order stays
      }
      if (!"checked_out".equals(cart.status()) || !Objects.equals(cart.orderId(), order.id())) {
        violations.add(
            "order " + order.id() + " names cart " + cart + ", which does not name it back");
      }
      Map<Long, Integer> held = cartLines.getOrDefault(cart.id(), Map.of());
      lines.forEach(
          (product, quantity) -> {
            // A deleted product leaves sold carts; the order keeps its copy.
            if (stock.containsKey(product) && !quantity.equals(held.get(product))) {
              violations.add(
                  "order "
                      + order.id()
                      + " sold "
                      + quantity
                      + " of "
                      + product
                      + " but its cart held "
                      + held.get(product));
            }
          });
      held.forEach(
          (product, quantity) -> {
            if (!lines.containsKey(product)) {
              violations.add(
                  "order "
                      + order.id()
                      + " lacks the line of product "
                      + product
                      + " its cart held");
            }
          });
    }
    ordersPerCart.forEach(
        (cart, count) -> {
          if (count > 1) {
            violations.add("cart " + cart + " has " + count + " orders");
          }
        });
    for (CartRow cart : carts.values()) {
      boolean checkedOut = "checked_out".equals(cart.status());
      if (checkedOut && (cart.orderId() == null || !orders.containsKey(cart.orderId()))) {
        violations.add("cart " + cart + " is checked out without its order");
      }
      if (!checkedOut && ordersPerCart.containsKey(cart.id())) {
        violations.add("cart " + cart + " is open but has an order");
      }
    }

    // What the clients were told.
    long unknownThatBought = 0;
    if (complete) {
      for (OrderRow order : orders.values()) {
        if (!ledger.entries().containsKey(order.cartId())) {
          violations.add(
              "order "
                  + order.id()
                  + " of cart "
                  + order.cartId()
                  + ", which no client checked out");
        }
      }
    }
    for (Entry entry : ledger.entries().values()) {
      CartRow cart = carts.get(entry.cartId());
      boolean hasOrder = ordersPerCart.containsKey(entry.cartId());
      switch (entry.outcome()) {
        case BOUGHT -> {
          if (cart == null
              || !Objects.equals(cart.orderId(), entry.orderId())
              || !orders.containsKey(entry.orderId())) {
            violations.add(
                "checkout of cart "
                    + entry.cartId()
                    + " answered order "
                    + entry.orderId()
                    + " but the books hold "
                    + cart);
          } else if (!entry.lines().equals(orderLines.get(entry.orderId()))) {
            violations.add(
                "order "
                    + entry.orderId()
                    + " holds "
                    + orderLines.get(entry.orderId())
                    + " but the client bought "
                    + entry.lines());
          }
        }
        case SHORT -> {
          if (hasOrder || (cart != null && !"open".equals(cart.status()))) {
            violations.add(
                "checkout of cart " + entry.cartId() + " answered 409 but the books hold " + cart);
          }
        }
        case UNKNOWN -> {
          if (hasOrder) {
            unknownThatBought++;
          }
        }
      }
    }
    return new Report(
        startStock.size(),
        unitsAtStart,
        unitsSold,
        unitsRestocked,
        unitsLeft,
        orders.size(),
        ledger.count(Outcome.BOUGHT),
        ledger.count(Outcome.SHORT),
        ledger.count(Outcome.UNKNOWN),
        unknownThatBought,
        List.copyOf(violations));
  }

  /**
   * Every canceled part has exactly one order.canceled event, and no part that is not canceled has
   * one; every order whose cancellation the buyer was answered 200 has all its parts canceled.
   */
  private static List<String> cancellations(Connection db, Ledger ledger) throws SQLException {
    List<String> violations = new ArrayList<>();
    Map<String, String> partStatus = new HashMap<>();
    Map<Long, Set<String>> statusesOfOrder = new HashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT order_id, producer_id, status FROM purchase_order_part")) {
      while (rs.next()) {
        partStatus.put(rs.getLong(1) + "/" + rs.getLong(2), rs.getString(3));
        statusesOfOrder.computeIfAbsent(rs.getLong(1), o -> new HashSet<>()).add(rs.getString(3));
      }
    }
    Map<String, Integer> events = new HashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT order_id, producer_id FROM store_event WHERE type = 'order.canceled'")) {
      while (rs.next()) {
        events.merge(rs.getLong(1) + "/" + rs.getLong(2), 1, Integer::sum);
      }
    }
    partStatus.forEach(
        (part, status) -> {
          int n = events.getOrDefault(part, 0);
          if ("canceled".equals(status) && n != 1) {
            violations.add("canceled part " + part + " has " + n + " order.canceled events");
          }
          if (!"canceled".equals(status) && n != 0) {
            violations.add(status + " part " + part + " has " + n + " order.canceled events");
          }
        });
    events.keySet().stream()
        .filter(part -> !partStatus.containsKey(part))
        .forEach(part -> violations.add("order.canceled event of a missing part " + part));
    for (long order : ledger.canceled()) {
      Set<String> statuses = statusesOfOrder.getOrDefault(order, Set.of());
      if (!statuses.equals(Set.of("canceled"))) {
        violations.add("order " + order + " was answered canceled but its parts are " + statuses);
      }
    }
    return violations;
  }
}

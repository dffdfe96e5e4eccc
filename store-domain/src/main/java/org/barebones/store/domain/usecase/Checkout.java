package org.barebones.store.domain.usecase;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.event.EventRecorder;
import org.barebones.store.domain.event.OrderPlaced;
import org.barebones.store.domain.event.ProductOutOfStock;
import org.barebones.store.domain.order.EmptyCartException;
import org.barebones.store.domain.order.InsufficientStockException;
import org.barebones.store.domain.order.NewOrder;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.order.PriceChange;
import org.barebones.store.domain.order.PriceChangedException;
import org.barebones.store.domain.order.Shortage;
import org.barebones.store.domain.port.CartRepository;
import org.barebones.store.domain.port.CheckoutListener;
import org.barebones.store.domain.port.LockedCart;
import org.barebones.store.domain.port.OrderRepository;
import org.barebones.store.domain.port.Placement;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.port.Transactions;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;

/**
 * Use case: a cart's holder buys what the cart holds, all or nothing.
 *
 * <p>In one unit of work: the cart is locked (one checkout per cart at a time) and, if it is
 * already checked out, its order is the answer. Otherwise every line is priced at the product's
 * current price, then each line's stock is taken in ascending product id (the fixed order keeps two
 * checkouts from deadlocking) by an atomic conditional decrement. If any line is short, every short
 * line is reported and the unit of work is rolled back; otherwise the order is recorded with copies
 * of titles and prices and the cart is marked checked out (on PostgreSQL all in one statement, see
 * {@link OrderRepository#place}). The same unit of work records {@code order.placed}, and {@code
 * product.out_of_stock} for each product the checkout sold to 0.
 */
public final class Checkout {
  private final CartRepository carts;
  private final ProductRepository products;
  private final OrderRepository orders;
  private final Transactions transactions;
  private final EventRecorder events;
  private final Clock clock;
  private final CheckoutListener listener;

  public Checkout(
      CartRepository carts,
      ProductRepository products,
      OrderRepository orders,
      Transactions transactions,
      EventRecorder events,
      Clock clock) {
    this(carts, products, orders, transactions, events, clock, CheckoutListener.NONE);
  }

  public Checkout(
      CartRepository carts,
      ProductRepository products,
      OrderRepository orders,
      Transactions transactions,
      EventRecorder events,
      Clock clock,
      CheckoutListener listener) {
    this.carts = Objects.requireNonNull(carts, "carts");
    this.products = Objects.requireNonNull(products, "products");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  public Order checkout(CheckoutCommand command) {
    Ownership.requireHolder(command.caller(), command.cartId());
    // Set by the attempt that committed: a unit of work may run again after a retryable failure.
    boolean[] placed = new boolean[1];
    Order order;
    try {
      // Shared: checkouts of the same products all lock the same rows, so they are cheaper locked
      // and committed together; each cart is still sold whole or refused on its own.
      order =
          transactions.inSharedTransaction(
              contended(command), () -> checkoutLocked(command, placed));
    } catch (InsufficientStockException e) {
      listener.checkoutRefused(CheckoutListener.Refusal.INSUFFICIENT_STOCK);
      throw e;
    } catch (PriceChangedException e) {
      listener.checkoutRefused(CheckoutListener.Refusal.PRICE_CHANGED);
      throw e;
    }
    if (placed[0]) {
      listener.orderPlaced(order);
    }
    return order;
  }

  /**
   * What the checkout will contend for: the products of the cart, read without a lock. Carts with
   * the same products share their commits; a line changed before the lock is taken only groups the
   * cart with others it no longer matches.
   */
  private Object contended(CheckoutCommand command) {
    return carts
        .findById(command.cartId())
        .<Object>map(cart -> Set.copyOf(cart.productIds()))
        .orElse(command.cartId());
  }

  private Order checkoutLocked(CheckoutCommand command, boolean[] placed) {
    placed[0] = false;
    LockedCart locked =
        carts
            .lockWithProducts(command.cartId(), products)
            .orElseThrow(() -> Carts.notFound(command.cartId()));
    Cart cart = locked.cart();
    if (!cart.isOpen()) {
      return orders
          .findById(cart.orderId().orElseThrow())
          .orElseThrow(() -> new IllegalStateException("cart " + cart.id() + " lost its order"));
    }
    if (cart.isEmpty()) {
      throw new EmptyCartException(cart.id());
    }
    Map<ProductId, Product> current = locked.products();

    List<OrderLine> orderLines = new ArrayList<>();
    List<PriceChange> changes = new ArrayList<>();
    Map<ProductId, Money> moved = new HashMap<>();
    for (CartLine line : cart.lines()) {
      Product product = current.get(line.productId());
      if (product == null) {
        continue; // gone from the catalogue: reported as a shortage below
      }
      if (!product.price().equals(line.unitPrice())) {
        changes.add(new PriceChange(product.id(), line.unitPrice(), product.price()));
        moved.put(product.id(), product.price());
      }
      orderLines.add(
          new OrderLine(
              product.id(),
              product.producerId(),
              product.title(),
              product.price(),
              line.quantity()));
    }
    if (command.expectedTotal().isPresent() && orderLines.size() == cart.lines().size()) {
      Money total = new NewOrder(cart.id(), clock.instant(), orderLines).total();
      if (total.amount().compareTo(command.expectedTotal().get()) != 0) {
        throw new PriceChangedException(command.expectedTotal().get(), total, changes);
      }
    }

    List<ProductId> shortOf = new ArrayList<>();
    if (orderLines.size() == cart.lines().size()) {
      // Before the order is placed: placing it closes the cart.
      if (!moved.isEmpty()) {
        carts.repriceLines(cart.id(), moved);
      }
      Placement placement =
          orders.place(new NewOrder(cart.id(), clock.instant(), orderLines), products, carts);
      if (placement.order().isPresent()) {
        Order order = placement.order().get();
        events.record(new OrderPlaced(order));
        recordSellOuts(placement.stockLeft());
        placed[0] = true;
        return order;
      }
      shortOf.addAll(placement.shortOf());
    } else {
      // A product is gone, so no order: still try every other line, to report every short one.
      for (CartLine line : cart.lines()) { // ascending product id
        if (!current.containsKey(line.productId())
            || !products.takeStock(line.productId(), line.quantity())) {
          shortOf.add(line.productId());
        }
      }
    }
    Map<ProductId, Product> now = products.findAllById(shortOf);
    List<Shortage> shortages = new ArrayList<>();
    for (CartLine line : cart.lines()) {
      if (shortOf.contains(line.productId())) {
        Product product = now.get(line.productId());
        int available = product == null ? 0 : product.inventoryCount();
        shortages.add(new Shortage(line.productId(), line.quantity(), available));
      }
    }
    throw new InsufficientStockException(shortages); // rolls back the units already taken
  }

  /**
   * Records {@code product.out_of_stock} for each product this checkout took to 0. The rows are
   * held by this unit of work until it ends, so a 0 here is the 0 it left, seen by no other; the
   * products are read again (only when one sold out) so that the event shows them as they are now.
   */
  private void recordSellOuts(Map<ProductId, Integer> stockLeft) {
    List<ProductId> soldOut =
        stockLeft.entrySet().stream()
            .filter(e -> e.getValue() == 0)
            .map(Map.Entry::getKey)
            .toList();
    if (soldOut.isEmpty()) {
      return;
    }
    for (Product product : products.findAllById(soldOut).values()) {
      if (product.inventoryCount() == 0) {
        events.record(new ProductOutOfStock(product));
      }
    }
  }
}

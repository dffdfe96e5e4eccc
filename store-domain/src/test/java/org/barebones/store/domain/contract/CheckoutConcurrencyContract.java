package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.cart.CartStatus;
import org.barebones.store.domain.event.OrderPlaced;
import org.barebones.store.domain.event.ProductOutOfStock;
import org.barebones.store.domain.event.StoreEvent;
import org.barebones.store.domain.order.InsufficientStockException;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.password.Pbkdf2PasswordHasher;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.usecase.CheckoutCommand;
import org.barebones.store.domain.usecase.SetCartLineCommand;
import org.junit.jupiter.api.Test;

/**
 * Contract of checkout under concurrency, over a whole set of adapters: racing checkouts never sell
 * a unit that is not in stock, never take stock without an order, and one cart makes one order
 * however many times it is checked out at once.
 */
public abstract class CheckoutConcurrencyContract extends ContractSupport {

  /** Client threads racing; databases with real connections may raise it. */
  protected int threads() {
    return 32;
  }

  /** One-unit checkouts racing for the scarce stock. */
  protected int checkouts() {
    return 2_000;
  }

  /** Units in stock at the start, far fewer than {@link #checkouts()}. */
  protected int stock() {
    return 50;
  }

  private Store useCases() {
    return Store.builder()
        .persistence(store)
        .inMemoryTokens()
        .passwordHasher(new Pbkdf2PasswordHasher(1))
        .clock(Clock.systemUTC())
        .build();
  }

  /** Outcome of a race, for the test's assertions and for control cases that expect a failure. */
  public record RaceOutcome(
      ProductId product, int stockBefore, int stockAfter, int sold, int refused, int orders) {}

  @Test
  void racingOneUnitCheckouts_sellExactlyTheStock() throws Exception {
    RaceOutcome outcome = raceForScarceStock();

    assertThat(outcome.sold()).as("checkouts that succeeded").isEqualTo(outcome.stockBefore());
    assertThat(outcome.refused()).isEqualTo(checkouts() - outcome.stockBefore());
    assertThat(outcome.stockAfter()).as("stock left").isZero();
    assertThat(outcome.orders()).as("orders recorded").isEqualTo(outcome.sold());
  }

  /** Runs the scarce-stock race and measures what happened, asserting nothing. */
  public RaceOutcome raceForScarceStock() throws Exception {
    Store shop = useCases();
    Product product = aProduct(aProducer(), "2.50", stock());
    List<CartId> carts = new ArrayList<>();
    for (int i = 0; i < checkouts(); i++) {
      CartId id = shop.createCart().create().cart().id();
      shop.setCartLine().set(new SetCartLineCommand(id, id, product.id(), 1));
      carts.add(id);
    }

    List<Callable<OrderId>> buyers = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (CartId id : carts) {
      buyers.add(
          () -> {
            start.await();
            try {
              return shop.checkout().checkout(CheckoutCommand.of(id)).id();
            } catch (InsufficientStockException e) {
              return null;
            }
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads());
    List<Future<OrderId>> results = new ArrayList<>();
    try {
      for (Callable<OrderId> buyer : buyers) {
        results.add(pool.submit(buyer));
      }
      start.countDown();
      int sold = 0;
      int refused = 0;
      Set<OrderId> orders = new HashSet<>();
      for (int i = 0; i < results.size(); i++) {
        OrderId order = results.get(i).get();
        Cart cart = store.carts().findById(carts.get(i)).orElseThrow();
        if (order == null) {
          refused++;
          assertThat(cart.status()).isEqualTo(CartStatus.OPEN);
        } else {
          sold++;
          orders.add(order);
          assertThat(cart.orderId()).contains(order);
          assertThat(store.orders().findById(order)).isPresent();
        }
      }
      return new RaceOutcome(product.id(), stock(), stockOf(product), sold, refused, orders.size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void racingForTheLastUnit_recordsExactlyOneOutOfStock_andOneOrderPlacedPerSale()
      throws Exception {
    RaceOutcome outcome = raceForScarceStock();

    List<StoreEvent> events = recordedEvents();
    long outOfStock =
        events.stream()
            .filter(
                e ->
                    e.data() instanceof ProductOutOfStock out
                        && out.product().id().equals(outcome.product()))
            .count();
    long placed =
        events.stream()
            .filter(
                e ->
                    e.data() instanceof OrderPlaced p
                        && p.order().lines().get(0).productId().equals(outcome.product()))
            .count();
    assertThat(outOfStock).as("product.out_of_stock events").isEqualTo(1);
    assertThat(placed).as("order.placed events").isEqualTo(outcome.sold());
  }

  @Test
  void racingCheckoutsOfOneCart_makeOneOrder() throws Exception {
    Store shop = useCases();
    Product product = aProduct(aProducer(), "2.50", 10);
    CartId cart = shop.createCart().create().cart().id();
    shop.setCartLine().set(new SetCartLineCommand(cart, cart, product.id(), 3));

    Set<OrderId> orders = checkoutConcurrently(shop, cart, Math.min(threads(), 16));

    assertThat(orders).hasSize(1);
    assertThat(stockOf(product)).isEqualTo(7);
    assertThat(store.carts().findById(cart).orElseThrow().orderId())
        .contains(orders.iterator().next());
  }

  /** Checks one cart out from {@code threads} threads at once; returns the distinct orders. */
  public Set<OrderId> checkoutConcurrently(Store shop, CartId cart, int threads) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Order>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return shop.checkout().checkout(CheckoutCommand.of(cart));
                }));
      }
      start.countDown();
      Set<OrderId> orders = new HashSet<>();
      for (Future<Order> f : results) {
        orders.add(f.get().id());
      }
      return orders;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Carts holding the same two products, racing: lines are taken in ascending product id, so no two
   * checkouts wait on each other in a cycle, and each product's units balance exactly.
   */
  @Test
  void racingCheckoutsOverSharedProducts_balanceEveryProductsUnits() throws Exception {
    Store shop = useCases();
    Producer owner = aProducer();
    Product first = aProduct(owner, "1.00", 30);
    Product second = aProduct(owner, "2.00", 45);
    int carts = Math.max(threads() * 2, 64);
    List<CartId> ids = new ArrayList<>();
    for (int i = 0; i < carts; i++) {
      CartId id = shop.createCart().create().cart().id();
      // Lines added in alternating order: the checkout, not the cart, fixes the lock order.
      Product a = i % 2 == 0 ? second : first;
      Product b = i % 2 == 0 ? first : second;
      shop.setCartLine().set(new SetCartLineCommand(id, id, a.id(), 1 + i % 2));
      shop.setCartLine().set(new SetCartLineCommand(id, id, b.id(), 1));
      ids.add(id);
    }

    ExecutorService pool = Executors.newFixedThreadPool(threads());
    int firstSold = 0;
    int secondSold = 0;
    try {
      List<Future<Order>> results = new ArrayList<>();
      for (CartId id : ids) {
        results.add(
            pool.submit(
                () -> {
                  try {
                    return shop.checkout().checkout(CheckoutCommand.of(id));
                  } catch (InsufficientStockException e) {
                    return null;
                  }
                }));
      }
      for (Future<Order> f : results) {
        Order order = f.get();
        if (order != null) {
          for (var line : order.lines()) {
            if (line.productId().equals(first.id())) {
              firstSold += line.quantity();
            } else {
              secondSold += line.quantity();
            }
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(stockOf(first)).isEqualTo(30 - firstSold).isNotNegative();
    assertThat(stockOf(second)).isEqualTo(45 - secondSold).isNotNegative();
    assertThat(firstSold).as("the scarcer product sells out").isEqualTo(30);
  }
}

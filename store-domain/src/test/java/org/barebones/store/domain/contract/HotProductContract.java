package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.cart.CartStatus;
import org.barebones.store.domain.event.ProductOutOfStock;
import org.barebones.store.domain.order.InsufficientStockException;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.password.Pbkdf2PasswordHasher;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.usecase.CheckoutCommand;
import org.barebones.store.domain.usecase.SetCartLineCommand;
import org.junit.jupiter.api.Test;

/**
 * Contract of a flash sale, over a whole set of adapters: many carts holding one product check out
 * at once, with demand well above the stock. However an adapter spreads or batches the stock of a
 * hot product, the domain's promise stays one number per product: exactly the stock is sold, none
 * is left, the rest is refused, a cart with several lines is sold whole or not at all, the sell-out
 * is recorded once, and every read of the stock during the sale is a count of units really left.
 */
public abstract class HotProductContract extends ContractSupport {

  /** Client threads racing; databases with real connections may raise it. */
  protected int threads() {
    return 32;
  }

  /** Units of the hot product at the start. */
  protected int stock() {
    return 40;
  }

  private Store useCases() {
    return Store.builder()
        .persistence(store)
        .inMemoryTokens()
        .passwordHasher(new Pbkdf2PasswordHasher(1))
        .clock(Clock.systemUTC())
        .build();
  }

  /** What a sale did, measured without asserting, for the tests and for control cases. */
  public record SaleOutcome(
      int stockBefore,
      int stockAfter,
      int sold,
      int refused,
      int outOfStockEvents,
      List<Integer> stockSeenDuringTheSale) {}

  /** Demand 2.5 times the stock, one unit a cart: exactly the stock sold, none left. */
  @Test
  void aFlashSale_sellsExactlyTheStock_refusesTheRest_andSellsOutOnce() throws Exception {
    SaleOutcome outcome = flashSale();

    assertThat(outcome.sold()).as("checkouts that succeeded").isEqualTo(outcome.stockBefore());
    assertThat(outcome.refused())
        .as("checkouts refused")
        .isEqualTo(outcome.stockBefore() * 5 / 2 - outcome.stockBefore());
    assertThat(outcome.stockAfter()).as("stock left").isZero();
    assertThat(outcome.outOfStockEvents()).as("product.out_of_stock events").isEqualTo(1);
    // Every read during the sale is a count of units left: within the stock, never rising.
    List<Integer> seen = outcome.stockSeenDuringTheSale();
    assertThat(seen).allSatisfy(n -> assertThat(n).isBetween(0, outcome.stockBefore()));
    assertThat(seen).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
  }

  /** Runs the one-product sale and measures it, asserting nothing. */
  public SaleOutcome flashSale() throws Exception {
    Store shop = useCases();
    int stock = stock();
    Product hot = aProduct(aProducer(), "3.00", stock);
    List<CartId> carts = new ArrayList<>();
    for (int i = 0; i < stock * 5 / 2; i++) {
      CartId id = shop.createCart().create().cart().id();
      shop.setCartLine().set(new SetCartLineCommand(id, id, hot.id(), 1));
      carts.add(id);
    }
    List<Integer> seen = new ArrayList<>();
    AtomicBoolean selling = new AtomicBoolean(true);
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Order>> buyers = new ArrayList<>();
    for (CartId id : carts) {
      buyers.add(
          () -> {
            start.await();
            try {
              return shop.checkout().checkout(CheckoutCommand.of(id));
            } catch (InsufficientStockException e) {
              return null;
            }
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads() + 1);
    int sold = 0;
    int refused = 0;
    long started = System.nanoTime();
    try {
      Future<?> reader =
          pool.submit(
              () -> {
                start.await();
                while (selling.get()) {
                  seen.add(stockOf(hot));
                }
                return null;
              });
      List<Future<Order>> results = new ArrayList<>();
      for (Callable<Order> buyer : buyers) {
        results.add(pool.submit(buyer));
      }
      start.countDown();
      for (int i = 0; i < results.size(); i++) {
        Order order = results.get(i).get(2, TimeUnit.MINUTES);
        Cart cart = store.carts().findById(carts.get(i)).orElseThrow();
        if (order == null) {
          refused++;
          assertThat(cart.status()).isEqualTo(CartStatus.OPEN);
        } else {
          sold++;
          assertThat(cart.orderId()).contains(order.id());
        }
      }
      selling.set(false);
      reader.get(1, TimeUnit.MINUTES);
    } finally {
      selling.set(false);
      pool.shutdownNow();
    }
    // A rough signal for whoever changes the mechanism, never asserted (the machine is shared).
    System.out.printf(
        "%s: %d one-unit checkouts of one product (stock %d) from %d threads in %d ms%n",
        getClass().getSimpleName(),
        carts.size(),
        stock,
        threads(),
        (System.nanoTime() - started) / 1_000_000);
    long outOfStock =
        recordedEvents().stream()
            .filter(
                e ->
                    e.data() instanceof ProductOutOfStock out
                        && out.product().id().equals(hot.id()))
            .count();
    return new SaleOutcome(stock, stockOf(hot), sold, refused, (int) outOfStock, seen);
  }

  /**
   * Carts mixing the hot product with a product of their own race: each is sold whole or not at
   * all. Some carts can never be sold (their own product has no stock): they must take none of the
   * hot product either, so the viable carts still buy every hot unit.
   */
  @Test
  void cartsMixingTheHotProductWithOthers_areSoldWholeOrNotAtAll() throws Exception {
    MixedOutcome outcome = mixedSale();

    assertThat(outcome.hotLeft()).as("hot units left").isZero();
    assertThat(outcome.sold()).as("carts sold").isEqualTo(outcome.hotStock());
    assertThat(outcome.brokenCarts()).as("carts sold or refused in part").isZero();
    assertThat(outcome.doomedSold()).as("carts sold without stock for a line").isZero();
    assertThat(outcome.otherUnitsTaken()).as("own products' units taken").isEqualTo(outcome.sold());
  }

  /**
   * Carts that all hold the same two products, the hot one and one with stock for every cart:
   * checkouts of the same products may share a commit, and each cart refused for want of the hot
   * product must give back the other line's unit it took first (the other product has the lower id,
   * so its stock is taken first). Exactly the sold carts take the other product.
   */
  @Test
  void cartsOfTheSameTwoProducts_refusedOnesTakeNothing() throws Exception {
    PairOutcome outcome = pairSale();

    assertThat(outcome.hotLeft()).as("hot units left").isZero();
    assertThat(outcome.sold()).as("carts sold").isEqualTo(outcome.hotStock());
    assertThat(outcome.brokenOrders()).as("orders without both lines").isZero();
    assertThat(outcome.otherUnitsTaken())
        .as("units of the other product taken")
        .isEqualTo(outcome.sold());
  }

  /** What the sale of carts of the same two products did, measured without asserting. */
  public record PairOutcome(
      int hotStock, int hotLeft, int sold, int brokenOrders, int otherUnitsTaken) {}

  /** Runs the sale of carts of the same two products and measures it, asserting nothing. */
  public PairOutcome pairSale() throws Exception {
    Store shop = useCases();
    Producer owner = aProducer();
    int hotStock = 20;
    int buyers = 60;
    Product other = aProduct(owner, "1.00", buyers);
    Product hot = aProduct(owner, "3.00", hotStock);
    List<CartId> carts = new ArrayList<>();
    for (int i = 0; i < buyers; i++) {
      CartId id = shop.createCart().create().cart().id();
      // Lines added in either order: the checkout, not the cart, fixes the lock order.
      List<Product> lines = i % 2 == 0 ? List.of(hot, other) : List.of(other, hot);
      for (Product p : lines) {
        shop.setCartLine().set(new SetCartLineCommand(id, id, p.id(), 1));
      }
      carts.add(id);
    }
    int sold = 0;
    int broken = 0;
    for (Order order : checkOutAtOnce(shop, carts)) {
      if (order != null) {
        sold++;
        List<Integer> quantities = order.lines().stream().map(OrderLine::quantity).toList();
        if (!quantities.equals(List.of(1, 1))) {
          broken++;
        }
      }
    }
    return new PairOutcome(hotStock, stockOf(hot), sold, broken, buyers - stockOf(other));
  }

  /**
   * Checks out every cart at once from {@link #threads()} threads: each cart's order, in the carts'
   * order, or null where the cart was refused for want of stock.
   */
  private List<Order> checkOutAtOnce(Store shop, List<CartId> carts) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads());
    try {
      List<Future<Order>> results = new ArrayList<>();
      for (CartId id : carts) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    return shop.checkout().checkout(CheckoutCommand.of(id));
                  } catch (InsufficientStockException e) {
                    return null;
                  }
                }));
      }
      start.countDown();
      List<Order> orders = new ArrayList<>();
      for (Future<Order> result : results) {
        orders.add(result.get(2, TimeUnit.MINUTES));
      }
      return orders;
    } finally {
      pool.shutdownNow();
    }
  }

  /** What the mixed sale did, measured without asserting. */
  public record MixedOutcome(
      int hotStock, int hotLeft, int sold, int brokenCarts, int doomedSold, int otherUnitsTaken) {}

  /** Runs the mixed sale and measures it, asserting nothing. */
  public MixedOutcome mixedSale() throws Exception {
    Store shop = useCases();
    Producer owner = aProducer();
    int hotStock = 20;
    int viable = 50;
    int doomed = 10;
    Product hot = aProduct(owner, "3.00", hotStock);
    List<CartId> carts = new ArrayList<>();
    List<Product> own = new ArrayList<>();
    for (int i = 0; i < viable + doomed; i++) {
      Product mine = aProduct(owner, "1.00", 1);
      CartId id = shop.createCart().create().cart().id();
      // Lines added in either order: the checkout, not the cart, fixes the lock order.
      if (i % 2 == 0) {
        shop.setCartLine().set(new SetCartLineCommand(id, id, hot.id(), 1));
      }
      shop.setCartLine().set(new SetCartLineCommand(id, id, mine.id(), 1));
      if (i % 2 != 0) {
        shop.setCartLine().set(new SetCartLineCommand(id, id, hot.id(), 1));
      }
      carts.add(id);
      own.add(mine);
    }
    // Now that every line is in (a line needs stock when put), the doomed carts' own products
    // lose their one unit.
    for (int i = viable; i < viable + doomed; i++) {
      Product mine = own.get(i);
      assertThat(store.products().takeStock(mine.id(), 1)).isTrue();
    }
    List<Order> orders = checkOutAtOnce(shop, carts);
    int sold = 0;
    int broken = 0;
    int doomedSold = 0;
    int otherTaken = 0;
    for (int i = 0; i < carts.size(); i++) {
      Order order = orders.get(i);
      boolean isDoomed = i >= viable;
      int ownLeft = stockOf(own.get(i));
      if (!isDoomed) {
        otherTaken += 1 - ownLeft;
      }
      if (order == null) {
        if (!isDoomed && ownLeft != 1) {
          broken++;
        }
      } else {
        sold++;
        if (isDoomed) {
          doomedSold++;
        }
        List<Integer> quantities = order.lines().stream().map(OrderLine::quantity).toList();
        if (order.lines().size() != 2 || !quantities.equals(List.of(1, 1)) || ownLeft != 0) {
          broken++;
        }
      }
    }
    return new MixedOutcome(hotStock, stockOf(hot), sold, broken, doomedSold, otherTaken);
  }
}

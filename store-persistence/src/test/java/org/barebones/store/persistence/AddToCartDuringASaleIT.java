package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.order.NewOrder;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.port.Placement;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.producer.NewProducer;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.Username;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.NotFoundException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Putting a product in a cart needs the product to exist and its price, not its stock: it must not
 * queue behind checkouts of that product (a flash sale), and it must still meet the product's
 * deletion consistently (the line is removed with the product, or refused as not found).
 */
class AddToCartDuringASaleIT {

  private static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");
  private static final Map<TestDatabases.Kind, DataSource> DATABASES =
      new EnumMap<>(TestDatabases.Kind.class);

  private static synchronized DataSource database(TestDatabases.Kind kind) {
    return DATABASES.computeIfAbsent(
        kind,
        k -> {
          DataSource dataSource = k.fresh("addtocart");
          JdbiStorePersistence.migrate(dataSource);
          return dataSource;
        });
  }

  private static StorePersistence store(TestDatabases.Kind kind) {
    return JdbiStorePersistence.open(Jdbi.create(database(kind)), TestDatabases.CURRENCY);
  }

  /**
   * A checkout of the product has decremented its stock and not committed yet (the lock on the
   * stock row is held, as it is for the whole of a checkout's unit of work): another cart takes the
   * product meanwhile, and is done before that checkout ends. Fails when a line put locks the
   * product's row (as {@code FOR UPDATE} did): it then waits for the checkout to end.
   */
  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void puttingALine_doesNotWaitForACheckoutHoldingTheProductsStock(TestDatabases.Kind kind)
      throws Exception {
    StorePersistence store = store(kind);
    Product hot = aProduct(store, "2.00", 10);
    Cart buyer = store.carts().create(NOW);
    store.carts().putLine(buyer.id(), hot.id(), 1, usd("2.00"));
    Cart other = store.carts().create(NOW);
    CountDownLatch stockTaken = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Placement> checkout =
          pool.submit(
              () ->
                  store
                      .transactions()
                      .inTransaction(
                          () -> {
                            store.carts().lockWithProducts(buyer.id(), store.products());
                            Placement placement =
                                store
                                    .orders()
                                    .place(
                                        new NewOrder(
                                            buyer.id(),
                                            NOW,
                                            List.of(
                                                new OrderLine(
                                                    hot.id(),
                                                    hot.producerId(),
                                                    "Widget",
                                                    usd("2.00"),
                                                    1))),
                                        store.products(),
                                        store.carts());
                            stockTaken.countDown();
                            assertThat(awaited(release)).isTrue();
                            return placement;
                          }));
      assertThat(stockTaken.await(1, TimeUnit.MINUTES)).isTrue();

      Future<?> put =
          pool.submit(() -> store.carts().putLine(other.id(), hot.id(), 3, usd("2.00")));
      boolean putWhileHeld;
      try {
        put.get(10, TimeUnit.SECONDS);
        putWhileHeld = true;
      } catch (TimeoutException e) {
        putWhileHeld = false;
      }
      boolean checkoutStillOpen = !checkout.isDone();
      release.countDown();
      assertThat(checkout.get(1, TimeUnit.MINUTES).order()).isPresent();
      put.get(1, TimeUnit.MINUTES);

      assertThat(putWhileHeld).as("the line was put while the checkout held the stock").isTrue();
      assertThat(checkoutStillOpen).isTrue();
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    assertThat(store.carts().findById(other.id()).orElseThrow().line(hot.id()).orElseThrow())
        .extracting(CartLine::quantity)
        .isEqualTo(3);
    assertThat(store.products().findById(hot.id()).orElseThrow().inventoryCount()).isEqualTo(9);
  }

  /**
   * Many rounds of carts putting a product while it is deleted: every put either is refused as not
   * found or its line is gone with the product, and every cart's cached price counts only what is
   * left in it. Fails on H2 when the put and the deletion do not meet anywhere (H2 checks neither a
   * foreign key against uncommitted rows nor takes a shared lock): a line then outlives its
   * product.
   */
  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void puttingALine_racingTheProductsDeletion_leavesNoLineOfAProductThatIsGone(
      TestDatabases.Kind kind) throws Exception {
    StorePersistence store = store(kind);
    int rounds = 40;
    int carts = 3;
    int put = 0;
    int refused = 0;
    int stale = 0;
    int wrongPrice = 0;
    Product pen = aProduct(store, "1.00", 1_000);
    ExecutorService pool = Executors.newFixedThreadPool(carts + 1);
    try {
      for (int round = 0; round < rounds; round++) {
        Product lamp = aProduct(store, "5.00", 100);
        List<Cart> buyers = new ArrayList<>();
        for (int c = 0; c < carts; c++) {
          Cart cart = store.carts().create(NOW);
          store.carts().putLine(cart.id(), pen.id(), 1, usd("1.00"));
          if (c == 0) {
            // One cart holds the product already: the put changes its line.
            store.carts().putLine(cart.id(), lamp.id(), 1, usd("5.00"));
          }
          buyers.add(cart);
        }
        CyclicBarrier start = new CyclicBarrier(carts + 1);
        List<Future<Boolean>> puts = new ArrayList<>();
        for (Cart cart : buyers) {
          puts.add(
              pool.submit(
                  () -> {
                    start.await(1, TimeUnit.MINUTES);
                    try {
                      store.carts().putLine(cart.id(), lamp.id(), 2, usd("5.00"));
                      return true;
                    } catch (NotFoundException e) {
                      return false;
                    }
                  }));
        }
        Future<Boolean> deletion =
            pool.submit(
                () -> {
                  start.await(1, TimeUnit.MINUTES);
                  return store.products().delete(lamp.id());
                });
        for (Future<Boolean> f : puts) {
          if (f.get(1, TimeUnit.MINUTES)) {
            put++;
          } else {
            refused++;
          }
        }
        assertThat(deletion.get(1, TimeUnit.MINUTES)).isTrue();
        assertThat(store.products().findById(lamp.id())).isEmpty();
        for (Cart cart : buyers) {
          Cart after = store.carts().findById(cart.id()).orElseThrow();
          if (after.line(lamp.id()).isPresent()) {
            stale++;
          }
          if (!after.cachedPrice().equals(usd("1.00"))) {
            wrongPrice++;
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        "%s: %d puts racing a deletion: %d put then removed, %d refused, %d stale lines,"
            + " %d wrong prices%n",
        kind, rounds * carts, put, refused, stale, wrongPrice);
    assertThat(stale).as("lines left of a deleted product").isZero();
    assertThat(wrongPrice).as("carts whose cached price counts a deleted product").isZero();
    assertThat(put + refused).isEqualTo(rounds * carts);
  }

  private static boolean awaited(CountDownLatch latch) {
    try {
      return latch.await(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Money usd(String amount) {
    return Money.of(amount, TestDatabases.CURRENCY);
  }

  private static Product aProduct(StorePersistence store, String price, int stock) {
    Producer owner =
        store
            .producers()
            .add(
                new NewProducer(
                    new Username("a" + Long.toHexString(System.nanoTime())), "not-a-hash"));
    return store.products().add(new NewProduct(owner.id(), "Widget", usd(price), stock));
  }
}

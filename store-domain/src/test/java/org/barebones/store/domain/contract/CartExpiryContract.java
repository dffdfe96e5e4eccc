package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.order.InsufficientStockException;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.password.Pbkdf2PasswordHasher;
import org.barebones.store.domain.port.CartMetrics;
import org.barebones.store.domain.port.CartRepository;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.NotFoundException;
import org.barebones.store.domain.usecase.CheckoutCommand;
import org.barebones.store.domain.usecase.SetCartLineCommand;
import org.junit.jupiter.api.Test;

/**
 * Contract of idle-cart expiry over a whole set of adapters: a sweep past the idle lifetime deletes
 * exactly the open carts nobody changed (not the changed, not the checked-out), and a sweep racing
 * with changes and checkouts loses nothing and oversells nothing.
 *
 * <p>Each test starts its clock past every cart the suite's other tests made and first sweeps away
 * whatever is older, so that the counts it asserts are exact on a shared database.
 */
public abstract class CartExpiryContract extends ContractSupport {

  protected static final Duration IDLE = Duration.ofDays(30);

  private static final AtomicInteger EPOCH = new AtomicInteger();

  /** Deletes idle open carts the way the adapter under test does; a control may break it. */
  @FunctionalInterface
  public interface Sweep {
    int deleteIdleOpenCarts(Instant changedBefore, int limit);
  }

  /** Client threads changing and checking out carts while the sweeps run. */
  protected int threads() {
    return 16;
  }

  /** A start later than any cart this suite made before (each test gets its own century). */
  protected MutableClock freshClock() {
    return new MutableClock(
        aFreshCentury(
            "2100-01-01T00:00:00Z",
            EPOCH.incrementAndGet(),
            before -> store.carts().deleteIdleOpenCarts(before, 1_000)));
  }

  protected Store useCases(MutableClock clock, CartMetrics metrics) {
    return Store.builder()
        .persistence(store)
        .inMemoryTokens()
        .passwordHasher(new Pbkdf2PasswordHasher(1))
        .clock(clock)
        .cartIdleLifetime(IDLE)
        .cartMetrics(metrics)
        .build();
  }

  /** Counts expired carts as the metrics port hears of them. */
  protected static final class Counting implements CartMetrics {
    final AtomicInteger expired = new AtomicInteger();
    final AtomicInteger opened = new AtomicInteger();

    @Override
    public void expired(int carts) {
      expired.addAndGet(carts);
    }

    @Override
    public void opened() {
      opened.incrementAndGet();
    }
  }

  private CartId open(Store shop) {
    return shop.createCart().create().cart().id();
  }

  private void put(Store shop, CartId cart, Product product, int quantity) {
    shop.setCartLine().set(new SetCartLineCommand(cart, cart, product.id(), quantity));
  }

  @Test
  void sweepPastTheIdleLifetime_deletesExactlyTheIdleOpenCarts() {
    MutableClock clock = freshClock();
    Counting metrics = new Counting();
    Store shop = useCases(clock, metrics);
    Product lamp = aProduct(aProducer(), "4.00", 100);
    Product pen = aProduct(aProducer(), "1.00", 100);

    List<CartId> idle = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      idle.add(open(shop)); // empty
    }
    for (int i = 0; i < 3; i++) {
      CartId cart = open(shop);
      put(shop, cart, lamp, 2); // with a line, never changed again
      idle.add(cart);
    }
    CartId lineAdded = open(shop);
    CartId lineRemoved = open(shop);
    put(shop, lineRemoved, lamp, 1);
    CartId repriced = open(shop);
    put(shop, repriced, pen, 1);
    CartId viewedOnly = open(shop);
    put(shop, viewedOnly, pen, 1);
    idle.add(viewedOnly);
    List<CartId> sold = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      CartId cart = open(shop);
      put(shop, cart, lamp, 1);
      shop.checkout().checkout(CheckoutCommand.of(cart));
      sold.add(cart);
    }

    clock.advance(Duration.ofDays(10));
    put(shop, lineAdded, pen, 3);
    put(shop, lineRemoved, lamp, 0);
    shop.viewCart().view(repriced, repriced, true);
    // A plain view is a read: it does not keep the cart from expiring.
    shop.viewCart().view(viewedOnly, viewedOnly, false);
    CartId young = open(shop);

    clock.advance(IDLE.minus(Duration.ofDays(10)).minusMillis(1));
    assertThat(shop.expireIdleCarts().expireAll(100)).as("one millisecond too early").isZero();

    clock.advance(Duration.ofMillis(2));
    int expired = shop.expireIdleCarts().expireAll(100);

    assertThat(expired).isEqualTo(idle.size());
    assertThat(metrics.expired).hasValue(idle.size());
    for (CartId cart : idle) {
      assertThat(store.carts().findById(cart)).as("idle cart %s", cart).isEmpty();
    }
    assertThat(line(lineAdded, pen)).isEqualTo(3);
    assertThat(store.carts().findById(lineRemoved).orElseThrow().lines()).isEmpty();
    assertThat(line(repriced, pen)).isEqualTo(1);
    assertThat(store.carts().findById(young)).isPresent();
    for (CartId cart : sold) {
      Cart kept = store.carts().findById(cart).orElseThrow();
      assertThat(kept.isOpen()).isFalse();
      assertThat(store.orders().findById(kept.orderId().orElseThrow())).isPresent();
    }
    // Stock is not the sweep's business: nothing sold comes back, nothing unsold is taken.
    assertThat(stockOf(lamp)).isEqualTo(98);
    assertThat(shop.expireIdleCarts().expireAll(100)).as("a second sweep").isZero();

    // Long after, the changed carts expire in turn; the sold ones never do.
    clock.advance(Duration.ofDays(3_650));
    assertThat(shop.expireIdleCarts().expireAll(100)).isEqualTo(4);
    for (CartId cart : sold) {
      assertThat(store.carts().findById(cart)).isPresent();
    }
  }

  @Test
  void aChangeWithinTheResolution_keepsTheRecordedTime_oneLaterMovesIt() {
    MutableClock clock = freshClock();
    Store shop = useCases(clock, CartMetrics.NONE);
    Product lamp = aProduct(aProducer(), "4.00", 100);
    CartId filledAtOnce = open(shop);
    CartId filledLater = open(shop);
    clock.advance(CartRepository.CHANGE_RESOLUTION.minusSeconds(1));
    put(shop, filledAtOnce, lamp, 1);
    clock.advance(Duration.ofSeconds(2));
    put(shop, filledLater, lamp, 1);
    Instant opened = clock.instant().minus(CartRepository.CHANGE_RESOLUTION).minusSeconds(1);

    clock.set(opened.plus(IDLE).plusMillis(1));
    assertThat(shop.expireIdleCarts().expireAll(10)).isEqualTo(1);
    assertThat(store.carts().findById(filledAtOnce)).isEmpty();
    assertThat(store.carts().findById(filledLater)).isPresent();
  }

  @Test
  void expireBatch_deletesAtMostItsBatch_oldestFirst() {
    MutableClock clock = freshClock();
    List<CartId> carts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      carts.add(store.carts().create(clock.instant()).id());
      clock.advance(Duration.ofSeconds(1));
    }
    Instant cutoff = clock.instant();

    assertThat(store.carts().deleteIdleOpenCarts(cutoff, 2)).isEqualTo(2);
    assertThat(store.carts().findById(carts.get(0))).isEmpty();
    assertThat(store.carts().findById(carts.get(1))).isEmpty();
    assertThat(store.carts().findById(carts.get(2))).isPresent();
    assertThat(store.carts().deleteIdleOpenCarts(cutoff, 10)).isEqualTo(3);
    assertThat(store.carts().deleteIdleOpenCarts(cutoff, 10)).isZero();
  }

  /** What a race of sweeps against changes and checkouts left, asserting nothing. */
  public record RaceOutcome(
      int carts,
      int checkedOut,
      int changed,
      int notFound,
      int swept,
      int gone,
      int stockBefore,
      int unitsSold,
      int stockAfter,
      List<String> violations) {}

  @Test
  void sweepsRacingChangesAndCheckouts_loseNothingAndOversellNothing() throws Exception {
    RaceOutcome outcome = race(store.carts()::deleteIdleOpenCarts);

    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.swept()).as("carts swept, each once").isEqualTo(outcome.gone());
    assertThat(outcome.unitsSold() + outcome.stockAfter()).isEqualTo(outcome.stockBefore());
    // Evidence of a race: some requests won against the sweeps, some met a cart already swept.
    assertThat(outcome.checkedOut()).isGreaterThan(0);
    assertThat(outcome.changed()).isGreaterThan(0);
    assertThat(outcome.notFound()).isGreaterThan(0);
  }

  /**
   * 240 idle carts, each with one unit of a scarce product; once they are all past the idle
   * lifetime, a third is checked out, a third changed, and a third left alone, by {@link #threads}
   * clients, while two sweepers run {@code sweep} again and again. Then a last sweep. Every cart
   * must end exactly as the answers said: a checkout answered with an order is checked out with
   * that order; a change that went through is open with its line; a request answered 404 found a
   * cart already swept; carts left alone, or refused for stock, are gone; sold units plus stock
   * left equal the stock at the start.
   */
  public RaceOutcome race(Sweep sweep) throws Exception {
    MutableClock clock = freshClock();
    Store shop = useCases(clock, CartMetrics.NONE);
    int stock = 60;
    Product scarce = aProduct(aProducer(), "3.00", stock);
    Product plenty = aProduct(aProducer(), "1.00", 1_000_000);
    int count = 240;
    List<CartId> carts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      CartId cart = open(shop);
      put(shop, cart, scarce, 1);
      carts.add(cart);
    }
    clock.advance(IDLE.plusSeconds(1));
    Instant cutoff = clock.instant().minus(IDLE);
    List<CartId> shuffled = new ArrayList<>(carts);
    Collections.shuffle(shuffled, new java.util.Random(13));

    enum Answer {
      ORDER,
      CHANGED,
      NOT_FOUND,
      SHORT,
      LEFT_ALONE
    }
    ConcurrentHashMap<CartId, Answer> answers = new ConcurrentHashMap<>();
    ConcurrentHashMap<CartId, Order> orders = new ConcurrentHashMap<>();
    AtomicInteger swept = new AtomicInteger();
    AtomicBoolean done = new AtomicBoolean();
    Semaphore answered = new Semaphore(0);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads() + 2);
    try {
      List<Future<?>> sweepers = new ArrayList<>();
      for (int s = 0; s < 2; s++) {
        sweepers.add(
            pool.submit(
                () -> {
                  start.await();
                  while (!done.get()) {
                    // Paced by the requests (a batch per three answered), so that sweeps and
                    // requests interleave however fast either kind is on this adapter.
                    if (answered.tryAcquire(3, 5, TimeUnit.MILLISECONDS)) {
                      swept.addAndGet(sweep.deleteIdleOpenCarts(cutoff, 7));
                    }
                  }
                  return null;
                }));
      }
      List<Callable<Void>> work = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        CartId cart = shuffled.get(i);
        int kind = i % 3;
        if (kind == 2) {
          answers.put(cart, Answer.LEFT_ALONE);
          continue;
        }
        work.add(
            () -> {
              start.await();
              try {
                if (kind == 0) {
                  orders.put(cart, shop.checkout().checkout(CheckoutCommand.of(cart)));
                  answers.put(cart, Answer.ORDER);
                } else {
                  put(shop, cart, plenty, 2);
                  answers.put(cart, Answer.CHANGED);
                }
              } catch (NotFoundException e) {
                answers.put(cart, Answer.NOT_FOUND);
              } catch (InsufficientStockException e) {
                answers.put(cart, Answer.SHORT);
              } finally {
                answered.release();
              }
              return null;
            });
      }
      List<Future<Void>> results = new ArrayList<>();
      for (Callable<Void> task : work) {
        results.add(pool.submit(task));
      }
      start.countDown();
      for (Future<Void> result : results) {
        result.get();
      }
      done.set(true);
      for (Future<?> sweeper : sweepers) {
        sweeper.get();
      }
    } finally {
      pool.shutdownNow();
    }
    int last;
    while ((last = sweep.deleteIdleOpenCarts(cutoff, 50)) > 0) {
      swept.addAndGet(last);
    }

    List<String> violations = new ArrayList<>();
    int checkedOut = 0;
    int changed = 0;
    int notFound = 0;
    int gone = 0;
    int unitsSold = 0;
    for (CartId cart : carts) {
      Answer answer = answers.get(cart);
      Cart now = store.carts().findById(cart).orElse(null);
      if (now == null) {
        gone++;
      }
      switch (answer) {
        case ORDER -> {
          checkedOut++;
          Order order = orders.get(cart);
          unitsSold += order.lines().stream().mapToInt(l -> l.quantity()).sum();
          if (now == null || now.isOpen() || !now.orderId().orElseThrow().equals(order.id())) {
            violations.add("cart " + cart + " was sold as order " + order.id() + " but is " + now);
          }
          if (store.orders().findById(order.id()).isEmpty()) {
            violations.add("order " + order.id() + " of cart " + cart + " is lost");
          }
        }
        case CHANGED -> {
          changed++;
          if (now == null
              || !now.isOpen()
              || now.line(plenty.id()).isEmpty()
              || now.line(plenty.id()).get().quantity() != 2
              || now.line(scarce.id()).isEmpty()) {
            violations.add("cart " + cart + " was changed but is " + now);
          }
        }
        case NOT_FOUND, SHORT, LEFT_ALONE -> {
          notFound += answer == Answer.NOT_FOUND ? 1 : 0;
          if (now != null) {
            violations.add("cart " + cart + " (" + answer + ") is still there: " + now);
          }
        }
        default -> throw new IllegalStateException("no answer for " + cart);
      }
    }
    int stockAfter = stockOf(scarce);
    if (unitsSold + stockAfter != stock || stockAfter < 0) {
      violations.add(unitsSold + " units sold + " + stockAfter + " left != " + stock);
    }
    return new RaceOutcome(
        count,
        checkedOut,
        changed,
        notFound,
        swept.get(),
        gone,
        stock,
        unitsSold,
        stockAfter,
        violations);
  }

  private int line(CartId cart, Product product) {
    return store.carts().findById(cart).orElseThrow().line(product.id()).orElseThrow().quantity();
  }
}

package org.barebones.store.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.fixtures.Fixtures;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.port.EventOutbox;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery rules over the in-memory adapters and a fixed clock, one synchronous pass at a time
 * ({@link EventDispatcher#deliverDue()}).
 */
class EventDispatcherTest {
  private static final DeliveryPolicy POLICY = Fixtures.SHORT_DELIVERIES;

  private final MutableClock clock = Fixtures.aClock();
  private final List<StoreEvent> placedOnly = new ArrayList<>();
  private final List<StoreEvent> everything = new ArrayList<>();
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicInteger delivered = new AtomicInteger();
  private final AtomicInteger retried = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private Store store;
  private EventDispatcher dispatcher;

  private final EventTarget orders =
      new EventTarget("orders", EnumSet.of(EventType.ORDER_PLACED), placedOnly::add);
  private final EventTarget flaky =
      EventTarget.ofAll(
          "flaky",
          event -> {
            if (down.get()) {
              throw new IllegalStateException("HTTP 500");
            }
            everything.add(event);
          });
  private final DeliveryObserver observer =
      new DeliveryObserver() {
        @Override
        public void delivered(Delivery d) {
          delivered.incrementAndGet();
        }

        @Override
        public void retried(Delivery d) {
          retried.incrementAndGet();
        }

        @Override
        public void failed(Delivery d) {
          failed.incrementAndGet();
        }
      };

  private Scenario shop() {
    // The store records deliveries to both targets; its own dispatcher is closed at once, and the
    // test drives one of its own pass by pass on the fixed clock.
    store =
        Fixtures.testStoreBuilder(clock)
            .inMemoryPersistence()
            .eventTarget(orders)
            .eventTarget(flaky)
            .build();
    store.close();
    dispatcher =
        new EventDispatcher(
            store.persistence().events(),
            List.of(orders, flaky),
            POLICY,
            clock,
            new EventDispatcher.Settings(1, 100, Duration.ofDays(1)),
            observer);
    return Scenario.over(store, clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** A new store's last lamp sold: an order.placed and a product.out_of_stock to deliver. */
  private void sellOutANewShop() {
    Scenario shop = shop();
    Product lamp = shop.aProduct().withStock(1).create();
    shop.checkout(shop.aCart().with(lamp, 1).open());
  }

  @Test
  void eachTargetGetsTheTypesItSubscribesTo_once() {
    sellOutANewShop();

    assertThat(dispatcher.deliverDue()).isEqualTo(3);
    assertThat(dispatcher.deliverDue()).isZero();

    assertThat(placedOnly).extracting(StoreEvent::type).containsExactly(EventType.ORDER_PLACED);
    assertThat(everything)
        .extracting(StoreEvent::type)
        .containsExactlyInAnyOrder(EventType.ORDER_PLACED, EventType.PRODUCT_OUT_OF_STOCK);
    assertThat(delivered.get()).isEqualTo(3);
    assertThat(store.persistence().events().stats().pending()).isZero();
  }

  @Test
  void aFailedAttempt_isRetriedAfterTheJitteredBackoff() {
    sellOutANewShop();
    down.set(true);

    dispatcher.deliverDue();
    assertThat(retried.get()).isEqualTo(2);
    assertThat(placedOnly).hasSize(1);

    clock.advance(Duration.ofSeconds(4)); // under half of the 10 s first retry
    assertThat(dispatcher.deliverDue()).isZero();
    clock.advance(Duration.ofSeconds(6)); // at the full first retry
    down.set(false);
    assertThat(dispatcher.deliverDue()).isEqualTo(2);
    assertThat(everything).hasSize(2);
    assertThat(store.persistence().events().stats().pending()).isZero();
  }

  @Test
  void pastTheHorizon_aDeliveryIsFailed_keptAndRequeued() {
    sellOutANewShop();
    down.set(true);
    dispatcher.deliverDue();
    for (int i = 0; i < 100 && failed.get() < 2; i++) {
      clock.advance(Duration.ofMinutes(5));
      dispatcher.deliverDue();
    }

    assertThat(failed.get()).isEqualTo(2);
    assertThat(store.persistence().events().stats().failed()).isEqualTo(2);
    assertThat(store.persistence().events().failed(10))
        .allSatisfy(
            f -> {
              assertThat(f.target()).isEqualTo("flaky");
              assertThat(f.lastError()).isEqualTo("IllegalStateException: HTTP 500");
              assertThat(f.attempts()).isGreaterThan(2);
            });
    clock.advance(Duration.ofDays(1));
    assertThat(dispatcher.deliverDue()).as("failed deliveries are not retried").isZero();

    down.set(false);
    assertThat(store.persistence().events().requeueFailed(clock.instant())).isEqualTo(2);
    assertThat(dispatcher.deliverDue()).isEqualTo(2);
    assertThat(everything).hasSize(2);
    assertThat(store.persistence().events().stats().failed()).isZero();
  }

  /** The outbox of {@link #store}, whose claims fail while {@code failing} is set. */
  private static final class FlakyClaims implements EventOutbox {
    private final EventOutbox real;
    final AtomicBoolean failing = new AtomicBoolean(true);
    final AtomicInteger failedClaims = new AtomicInteger();

    FlakyClaims(EventOutbox real) {
      this.real = real;
    }

    @Override
    public void append(StoreEvent event, Collection<String> targets) {
      real.append(event, targets);
    }

    @Override
    public Page<RecordedEvent> list(PageRequest page) {
      return real.list(page);
    }

    @Override
    public List<Delivery> claim(
        Collection<String> targets, Instant now, Duration lease, int limit) {
      if (failing.get()) {
        failedClaims.incrementAndGet();
        throw new IllegalStateException("the database is away");
      }
      return real.claim(targets, now, lease, limit);
    }

    @Override
    public boolean markDelivered(Delivery claimed, Instant at) {
      return real.markDelivered(claimed, at);
    }

    @Override
    public boolean markRetry(Delivery claimed, Instant nextAttempt, String error) {
      return real.markRetry(claimed, nextAttempt, error);
    }

    @Override
    public boolean markFailed(Delivery claimed, Instant at, String error) {
      return real.markFailed(claimed, at, error);
    }

    @Override
    public List<FailedDelivery> failed(int limit) {
      return real.failed(limit);
    }

    @Override
    public int requeueFailed(Instant now) {
      return real.requeueFailed(now);
    }

    @Override
    public OutboxStats stats() {
      return real.stats();
    }
  }

  @Test
  void whileClaimsFail_theLoopBacksOff_andDeliversOnceTheyWorkAgain() throws Exception {
    sellOutANewShop();
    FlakyClaims flaky = new FlakyClaims(store.persistence().events());
    CountDownLatch three = new CountDownLatch(3);
    EventTarget counting =
        new EventTarget("orders", EnumSet.of(EventType.ORDER_PLACED), e -> three.countDown());
    EventTarget all = EventTarget.ofAll("flaky", e -> three.countDown());
    try (EventDispatcher running =
        new EventDispatcher(
            flaky,
            List.of(counting, all),
            POLICY,
            clock,
            new EventDispatcher.Settings(2, 10, Duration.ofMillis(10)),
            observer)) {
      running.start();
      // Wait for failures rather than time: a handful of failed claims, backing off.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (flaky.failedClaims.get() < 3 && System.nanoTime() < deadline) {
        running.wake();
        Thread.onSpinWait();
      }
      assertThat(flaky.failedClaims.get()).isGreaterThanOrEqualTo(3);
      assertThat(three.getCount()).as("nothing delivered while claims fail").isEqualTo(3);

      flaky.failing.set(false);
      running.wake();
      assertThat(three.await(30, TimeUnit.SECONDS)).as("the three deliveries arrived").isTrue();
    }
    assertThat(delivered.get()).isEqualTo(3);
  }
}

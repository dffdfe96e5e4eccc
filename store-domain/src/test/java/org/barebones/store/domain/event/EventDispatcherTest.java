package org.barebones.store.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.fixtures.Fixtures;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.product.Product;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery rules over the in-memory adapters and a fixed clock, one synchronous pass at a time
 * ({@link EventDispatcher#deliverDue()}).
 */
class EventDispatcherTest {
  private static final DeliveryPolicy POLICY =
      new DeliveryPolicy(
          Duration.ofSeconds(10),
          Duration.ofMinutes(5),
          Duration.ofHours(1),
          Duration.ofMinutes(1));

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

  private void sellOut(Scenario shop) {
    Product lamp = shop.aProduct().withStock(1).create();
    shop.checkout(shop.aCart().with(lamp, 1).open());
  }

  @Test
  void eachTargetGetsTheTypesItSubscribesTo_once() {
    Scenario shop = shop();
    sellOut(shop);

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
    Scenario shop = shop();
    sellOut(shop);
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
    Scenario shop = shop();
    sellOut(shop);
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
}

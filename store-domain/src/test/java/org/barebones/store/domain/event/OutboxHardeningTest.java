package org.barebones.store.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.fixtures.Fixtures;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.inmemory.InMemoryTokenService;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.port.Transactions;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.PageRequest;
import org.junit.jupiter.api.Test;

/**
 * The outbox's and the store's hardening (issue 20): a store starts no thread until started (7), a
 * durable persistence needs a token service and the in-memory one is bounded (8), an interrupted
 * delivery is no attempt (9), and the server's recorder keeps no event nobody takes (5).
 */
class OutboxHardeningTest {

  private static final DeliveryPolicy POLICY = Fixtures.SHORT_DELIVERIES;

  private final MutableClock clock = Fixtures.aClock();

  private static long storeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith("store-event-"))
        .count();
  }

  // ---- 7: building a store starts no thread ----

  @Test
  void building_aStoreWithAListener_startsNoThread_untilStart() throws Exception {
    long before = storeThreads();
    CountDownLatch heard = new CountDownLatch(1);
    Store store =
        Fixtures.testStoreBuilder(clock)
            .inMemoryPersistence()
            .eventListener("counting", event -> heard.countDown())
            .dispatchSettings(new EventDispatcher.Settings(2, 8, Duration.ofMillis(10)))
            .build();
    try {
      assertThat(storeThreads()).as("threads after build()").isEqualTo(before);
      assertThat(store.eventDispatcher().isRunning()).isFalse();
      Scenario shop = Scenario.over(store, clock);
      Product lamp = shop.aProduct().withStock(5).create();
      shop.checkout(shop.aCart().with(lamp, 1).open());
      assertThat(heard.getCount()).as("nothing delivered before start()").isEqualTo(1);

      assertThat(store.start()).isSameAs(store);
      assertThat(store.eventDispatcher().isRunning()).isTrue();
      assertThat(storeThreads()).as("threads after start()").isGreaterThan(before);
      assertThat(heard.await(30, TimeUnit.SECONDS)).as("delivered once started").isTrue();
    } finally {
      store.close();
    }
    assertThat(store.eventDispatcher().isRunning()).isFalse();
  }

  // ---- 8: tokens ----

  /** The in-memory adapters behind a unit of work that is not the in-memory one: "durable". */
  private static StorePersistence durable() {
    StorePersistence memory = Store.inMemoryPersistence(Fixtures.USD);
    Transactions elsewhere =
        new Transactions() {
          @Override
          public <T> T inTransaction(Supplier<T> work) {
            return memory.transactions().inTransaction(work);
          }
        };
    return new StorePersistence(
        memory.producers(),
        memory.products(),
        memory.carts(),
        memory.orders(),
        memory.events(),
        elsewhere,
        memory.idempotency());
  }

  @Test
  void aDurablePersistence_withoutATokenService_isRefusedWithAClearMessage() {
    assertThatThrownBy(() -> Store.builder().persistence(durable()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("durable persistence but no token service")
        .hasMessageContaining(".tokens(")
        .hasMessageContaining(".inMemoryTokens()");
  }

  @Test
  void aDurablePersistence_takesATokenService_orInMemoryTokensKnowingly() {
    InMemoryTokenService tokens =
        new InMemoryTokenService(clock, Duration.ofHours(1), Duration.ofHours(1));
    assertThat(Store.builder().persistence(durable()).tokens(tokens).build().tokens())
        .isSameAs(tokens);
    assertThat(Store.builder().persistence(durable()).inMemoryTokens().build().tokens())
        .isInstanceOf(InMemoryTokenService.class);
    assertThat(Store.inMemory().tokens()).isInstanceOf(InMemoryTokenService.class);
  }

  @Test
  void theInMemoryTokenService_holdsAtMostItsBound_forgettingTheSoonestToExpireFirst() {
    InMemoryTokenService tokens =
        new InMemoryTokenService(clock, Duration.ofHours(1), Duration.ofDays(30), 100);
    List<String> carts = new ArrayList<>();
    String early = tokens.issueProducerToken(org.barebones.store.domain.producer.ProducerId.of(1));
    for (int i = 0; i < 1_000; i++) {
      carts.add(tokens.issueCartToken(CartId.of(i + 1)));
      assertThat(tokens.size()).as("remembered after %d issues", i + 2).isLessThanOrEqualTo(100);
    }

    assertThat(tokens.size()).isEqualTo(100);
    assertThat(tokens.verify(carts.get(999)))
        .isEqualTo(new org.barebones.store.domain.port.Caller.CartHolder(CartId.of(1_000)));
    assertThatThrownBy(() -> tokens.verify(early))
        .as("the token closest to its expiry went first")
        .hasMessage("Unknown token");
  }

  @Test
  void theInMemoryTokenService_forgetsExpiredTokens_asItIssuesNewOnes() {
    InMemoryTokenService tokens =
        new InMemoryTokenService(clock, Duration.ofHours(1), Duration.ofHours(1), 100_000);
    for (int i = 0; i < 5_000; i++) {
      tokens.issueCartToken(CartId.of(i + 1));
    }
    clock.advance(Duration.ofHours(2));
    for (int i = 0; i < 2_048; i++) {
      tokens.issueCartToken(CartId.of(i + 1));
    }

    assertThat(tokens.size()).as("the 5,000 expired ones are gone").isLessThanOrEqualTo(2_048);
  }

  // ---- 9: an interrupted delivery ----

  @Test
  void anInterruptedAttempt_countsNoAttempt_andKeepsTheInterrupt() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger retried = new AtomicInteger();
    EventTarget shuttingDown =
        new EventTarget(
            "interrupted",
            EnumSet.of(EventType.ORDER_PLACED),
            event -> {
              if (calls.incrementAndGet() == 1) {
                throw new InterruptedException("the node is shutting down");
              }
            });
    Store store =
        Fixtures.testStoreBuilder(clock).inMemoryPersistence().eventTarget(shuttingDown).build();
    EventDispatcher dispatcher =
        new EventDispatcher(
            store.persistence().events(),
            List.of(shuttingDown),
            POLICY,
            clock,
            new EventDispatcher.Settings(1, 10, Duration.ofDays(1)),
            new DeliveryObserver() {
              @Override
              public void retried(Delivery delivery) {
                retried.incrementAndGet();
              }
            });
    Scenario shop = Scenario.over(store, clock);
    shop.checkout(shop.aCart().with(shop.aProduct().withStock(5).create(), 1).open());

    boolean interruptKept;
    try {
      assertThat(dispatcher.deliverDue()).isEqualTo(1);
    } finally {
      interruptKept = Thread.interrupted(); // clears it, so that the test's thread goes on
    }

    assertThat(interruptKept).as("the interrupt restored").isTrue();
    assertThat(retried.get()).as("retries counted").isZero();
    assertThat(store.persistence().events().stats().pending()).isEqualTo(1);
    clock.advance(POLICY.lease());
    List<Delivery> again =
        store
            .persistence()
            .events()
            .claim(Set.of("interrupted"), clock.instant(), POLICY.lease(), 10);
    assertThat(again).singleElement().extracting(Delivery::attempts).isEqualTo(0);
  }

  // ---- 6: URLs as logged or listed ----

  @Test
  void redact_dropsTheUserInfoQueryAndFragmentOfAUrl_andLeavesOtherNamesAlone() {
    assertThat(EventTarget.redact("webhook:https://ada:pa55@hooks.example:8443/in?token=abc#x"))
        .isEqualTo("webhook:https://[redacted]@hooks.example:8443/in?[redacted]");
    assertThat(EventTarget.redact("webhook:https://hooks.example/in#frag"))
        .isEqualTo("webhook:https://hooks.example/in#[redacted]");
    assertThat(EventTarget.redact("webhook:http://user@127.0.0.1?k=v"))
        .isEqualTo("webhook:http://[redacted]@127.0.0.1?[redacted]");
    assertThat(EventTarget.redact("webhook:https://hooks.example/in"))
        .isEqualTo("webhook:https://hooks.example/in");
    assertThat(EventTarget.redact("listener:mailer")).isEqualTo("listener:mailer");
  }

  // ---- 5: events nobody takes ----

  @Test
  void aRecorderThatKeepsNoUnsubscribedEvent_recordsOnlyWhatSomeTargetTakes() {
    List<StoreEvent> placed = new ArrayList<>();
    Store store =
        Fixtures.testStoreBuilder(clock)
            .inMemoryPersistence()
            .keepUnsubscribedEvents(false)
            .eventTarget(
                new EventTarget("placed-only", EnumSet.of(EventType.ORDER_PLACED), placed::add))
            .build();
    Scenario shop = Scenario.over(store, clock);
    Product last = shop.aProduct().withStock(1).create();
    shop.checkout(shop.aCart().with(last, 1).open()); // order.placed and product.out_of_stock

    assertThat(store.persistence().events().list(PageRequest.first()).items())
        .extracting(e -> e.event().type())
        .containsExactly(EventType.ORDER_PLACED);

    Store keeping = Fixtures.testStoreBuilder(clock).inMemoryPersistence().build();
    Scenario other = Scenario.over(keeping, clock);
    other.checkout(other.aCart().with(other.aProduct().withStock(1).create(), 1).open());
    assertThat(keeping.persistence().events().list(PageRequest.first()).items())
        .as("an embedder's store keeps them by default, as an event log")
        .hasSize(2);
  }
}

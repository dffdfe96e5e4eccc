package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.port.CartMetrics;
import org.barebones.store.domain.shared.TooManyAttemptsException;
import org.junit.jupiter.api.Test;

class CartCreationLimitTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

  @Test
  void aFloodFromOneAddress_isRefusedPastTheLimit_whileAnotherAddressStillOpensCarts() {
    CartCreationLimit limit = new CartCreationLimit(clock, 5, Duration.ofMinutes(1));
    int allowed = 0;
    int refused = 0;
    for (int i = 0; i < 100; i++) {
      try {
        limit.acquire("203.0.113.7");
        allowed++;
      } catch (TooManyAttemptsException e) {
        refused++;
      }
    }

    assertThat(allowed).isEqualTo(5);
    assertThat(refused).isEqualTo(95);
    for (int i = 0; i < 5; i++) {
      limit.acquire("198.51.100.1");
    }
  }

  @Test
  void aRefusal_saysWhenTheWindowEnds_andIsLiftedThen() {
    CartCreationLimit limit = new CartCreationLimit(clock, 2, Duration.ofMinutes(1));
    limit.acquire("a");
    clock.advance(Duration.ofSeconds(20));
    limit.acquire("a");
    clock.advance(Duration.ofSeconds(10));

    assertThatThrownBy(() -> limit.acquire("a"))
        .isInstanceOfSatisfying(
            TooManyAttemptsException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    clock.advance(Duration.ofSeconds(29));
    // Refused attempts are not counted: the window still ends where the first refusal said.
    assertThatThrownBy(() -> limit.acquire("a")).isInstanceOf(TooManyAttemptsException.class);
    clock.advance(Duration.ofSeconds(1));
    limit.acquire("a");
    limit.acquire("a");
    assertThatThrownBy(() -> limit.acquire("a")).isInstanceOf(TooManyAttemptsException.class);
  }

  @Test
  void zero_turnsTheLimitOff_andAnEmptyAddressIsNeverLimited() {
    CartCreationLimit off = new CartCreationLimit(clock, 0, Duration.ofMinutes(1));
    CartCreationLimit one = new CartCreationLimit(clock, 1, Duration.ofMinutes(1));
    for (int i = 0; i < 1_000; i++) {
      off.acquire("a");
      one.acquire("");
    }

    assertThat(off.trackedAddresses()).isZero();
    assertThat(one.trackedAddresses()).isZero();
  }

  @Test
  void aFloodFromAMillionAddresses_withinOneWindow_keepsTheCountersBounded() {
    CartCreationLimit limit = new CartCreationLimit(clock, 120, Duration.ofMinutes(1));
    int most = 0;
    for (int i = 0; i < 1_000_000; i++) {
      limit.acquire("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
      most = Math.max(most, limit.trackedAddresses());
    }

    assertThat(most).isLessThanOrEqualTo(CartCreationLimit.DEFAULT_MAX_TRACKED_ADDRESSES + 1);
    // The limit still holds for an address seen lately.
    for (int i = 0; i < 119; i++) {
      limit.acquire("10.15.66.63");
    }
    assertThatThrownBy(() -> limit.acquire("10.15.66.63"))
        .isInstanceOf(TooManyAttemptsException.class);
  }

  @Test
  void endedWindows_areForgottenFirst() {
    CartCreationLimit limit = new CartCreationLimit(clock, 3, Duration.ofMinutes(1), 101);
    for (int i = 0; i < 100; i++) {
      limit.acquire("old-" + i);
    }
    clock.advance(Duration.ofSeconds(30));
    limit.acquire("busy");
    limit.acquire("busy");
    clock.advance(Duration.ofSeconds(30));
    limit.acquire("new"); // 102 tracked: the 100 ended windows go, the live ones stay

    assertThat(limit.trackedAddresses()).isEqualTo(2);
    limit.acquire("busy");
    assertThatThrownBy(() -> limit.acquire("busy")).isInstanceOf(TooManyAttemptsException.class);
  }

  @Test
  void createCart_countsOpenedAndRefusedCarts() {
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CartMetrics metrics =
        new CartMetrics() {
          @Override
          public void opened() {
            opened.incrementAndGet();
          }

          @Override
          public void refused() {
            refused.incrementAndGet();
          }
        };
    Store store =
        Store.builder()
            .inMemoryPersistence()
            .clock(clock)
            .cartCreationLimit(new CartCreationLimit(clock, 3, Duration.ofMinutes(1)))
            .cartMetrics(metrics)
            .build();
    for (int i = 0; i < 10; i++) {
      try {
        store.createCart().create("192.0.2.1");
      } catch (TooManyAttemptsException e) {
        assertThat(e.code()).isEqualTo("too-many-attempts");
      }
    }
    store.createCart().create(); // no address: an embedding caller, never limited

    assertThat(opened).hasValue(4);
    assertThat(refused).hasValue(7);
  }

  @Test
  void theStoreLimitsByDefault() {
    Store store = Store.builder().inMemoryPersistence().clock(clock).build();
    for (int i = 0; i < CartCreationLimit.DEFAULT_MAX_PER_ADDRESS; i++) {
      store.createCart().create("192.0.2.1");
    }

    assertThatThrownBy(() -> store.createCart().create("192.0.2.1"))
        .isInstanceOf(TooManyAttemptsException.class);
  }
}

package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.barebones.store.domain.port.CartMetrics;
import org.barebones.store.domain.port.CartRepository;
import org.barebones.store.domain.usecase.ExpireIdleCarts;
import org.junit.jupiter.api.Test;

class SweeperTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

  /** A repository whose sweep fails {@code failures} times, then deletes nothing. */
  private static CartRepository sweepFailing(
      int failures, AtomicInteger calls, CountDownLatch ran) {
    return (CartRepository)
        Proxy.newProxyInstance(
            CartRepository.class.getClassLoader(),
            new Class<?>[] {CartRepository.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("deleteIdleOpenCarts")) {
                throw new UnsupportedOperationException(method.getName());
              }
              int call = calls.incrementAndGet();
              ran.countDown();
              if (call <= failures) {
                throw new IllegalStateException("database down");
              }
              return 0;
            });
  }

  @Test
  void aFailingSweep_doesNotEndTheSchedule() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch ran = new CountDownLatch(3);
    ExpireIdleCarts expire =
        new ExpireIdleCarts(
            sweepFailing(2, calls, ran), CLOCK, Duration.ofDays(30), 10, CartMetrics.NONE);
    Sweeper sweeper = Sweeper.idleCarts(expire, Duration.ofMillis(10));

    sweeper.start();
    try {
      assertThat(ran.await(30, TimeUnit.SECONDS)).as("three runs, two of them failing").isTrue();
    } finally {
      sweeper.stop();
    }
    int afterStop = calls.get();
    assertThat(afterStop).isGreaterThanOrEqualTo(3);
    // Stopped means stopped: no run starts after stop() returned.
    Thread.sleep(100); // a pause is the point: ten intervals in which nothing may run
    assertThat(calls.get()).isEqualTo(afterStop);
  }

  @Test
  void oneRun_deletesBatchAfterBatch_untilABatchIsShort() {
    AtomicInteger calls = new AtomicInteger();
    CartRepository repository =
        (CartRepository)
            Proxy.newProxyInstance(
                CartRepository.class.getClassLoader(),
                new Class<?>[] {CartRepository.class},
                (proxy, method, args) -> calls.incrementAndGet() < 4 ? (Integer) args[1] : 3);
    ExpireIdleCarts expire =
        new ExpireIdleCarts(repository, CLOCK, Duration.ofDays(30), 10, CartMetrics.NONE);

    Sweeper.idleCarts(expire, Duration.ofMinutes(1)).sweepOnce();

    assertThat(calls).hasValue(4);
  }
}

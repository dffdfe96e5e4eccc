package org.barebones.store.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadTest {

  @Test
  void aClosedLoopRunsEachCallUntilTheTaskIsDry_andCountsErrorsApart() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Load.Result r =
        Load.run(
            "dry",
            4,
            Duration.ZERO,
            Duration.ofSeconds(30),
            seq -> {
              if (seq >= 100) {
                return Load.DRY;
              }
              calls.incrementAndGet();
              return seq % 10 == 0 ? 409 : 200;
            });

    assertThat(calls.get()).isEqualTo(100);
    assertThat(r.requests()).isEqualTo(90);
    assertThat(r.errors()).isEqualTo(10);
    assertThat(r.latency().getTotalCount()).isEqualTo(90);
    assertThat(r.seconds()).isLessThan(30);
  }

  @Test
  void anOpenLoopChargesAStallToEveryCallItDelayed_whereAClosedLoopSeesOneSlowCall()
      throws Exception {
    Load.Result open = Load.run("open", 1, 100, Duration.ZERO, Duration.ofSeconds(2), stallOnce());
    Load.Result closed = Load.run("closed", 1, Duration.ZERO, Duration.ofSeconds(2), stallOnce());

    // About 40 calls fall due during the 400 ms stall at 100 per second: each waited for it.
    assertThat(open.latency().getCountBetweenValues(150_000_000L, Long.MAX_VALUE / 2))
        .isGreaterThanOrEqualTo(10);
    // Closed loop: only the stalled call itself is slow (the control the correction is for).
    assertThat(closed.latency().getCountBetweenValues(350_000_000L, Long.MAX_VALUE / 2))
        .isBetween(1L, 2L);
  }

  @Test
  void anOpenLoopCountsACallDueInTheWindow_evenWhenItsStallOutlastsTheWindow() throws Exception {
    Load.Result open =
        Load.run("open", 1, 100, Duration.ZERO, Duration.ofMillis(500), stallOnce(1_000));

    // The 20th call fell due at about 200 ms and answered after the window's end: it is the
    // figure that matters (a flash sale stalling the probe), not one to leave out.
    assertThat(open.requests()).isEqualTo(21);
    assertThat(open.latency().getMaxValue()).isGreaterThan(900_000_000L);
  }

  /** A task that answers at once, except its 20th call, which stalls for 400 ms. */
  private static Load.Task stallOnce() {
    return stallOnce(400);
  }

  private static Load.Task stallOnce(long millis) {
    return seq -> {
      if (seq == 20) {
        // The stall under test: the server pausing (a GC, a lock).
        Thread.sleep(millis);
      }
      return 200;
    };
  }
}

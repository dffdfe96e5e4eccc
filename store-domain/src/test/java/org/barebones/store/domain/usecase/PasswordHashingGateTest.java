package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.barebones.store.domain.fixtures.Race;
import org.barebones.store.domain.shared.TooManyAttemptsException;
import org.junit.jupiter.api.Test;

class PasswordHashingGateTest {
  private static final int THREADS = 64;

  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();

  /** A stand-in for a slow hash: holds its place for {@code millis}. */
  private String slowHash(long millis) {
    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      // The time a real hash would take, so that others pile up behind it.
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      running.decrementAndGet();
      done.incrementAndGet();
    }
    return "hashed";
  }

  @Test
  void sixtyFourAddressesAtOnce_runAtMostMaxConcurrent() throws Exception {
    PasswordHashingGate gate = new PasswordHashingGate(2, 1, Duration.ofSeconds(30));
    AtomicInteger n = new AtomicInteger();

    Map<String, Integer> outcomes =
        Race.tally(THREADS, () -> gate.run("10.0.0." + n.incrementAndGet(), () -> slowHash(5)));

    assertThat(outcomes).containsExactlyEntriesOf(Map.of("hashed", THREADS));
    assertThat(mostAtOnce.get()).isEqualTo(2);
    assertThat(gate.addressesInFlight()).isZero();
  }

  @Test
  void sixtyFourFromOneAddress_runOneAtATime() throws Exception {
    PasswordHashingGate gate = new PasswordHashingGate(8, 1, Duration.ofSeconds(30));

    Map<String, Integer> outcomes =
        Race.tally(THREADS, () -> gate.run("10.0.0.1", () -> slowHash(1)));

    assertThat(outcomes).containsExactlyEntriesOf(Map.of("hashed", THREADS));
    assertThat(mostAtOnce.get()).isEqualTo(1);
  }

  @Test
  void whenNoPlaceComesFreeInTime_theHashIsRefused_andNothingRuns() throws Exception {
    PasswordHashingGate gate = new PasswordHashingGate(1, 1, Duration.ofMillis(100));
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () ->
                gate.run(
                    "10.0.0.1",
                    () -> {
                      holding.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return "held";
                    }));
    holder.start();
    holding.await();

    assertThatThrownBy(() -> gate.run("10.0.0.1", () -> slowHash(0)))
        .isInstanceOf(TooManyAttemptsException.class)
        .hasMessageContaining("password checks at once");
    assertThatThrownBy(() -> gate.run("10.0.0.2", () -> slowHash(0)))
        .isInstanceOf(TooManyAttemptsException.class);
    assertThat(done.get()).isZero();
    release.countDown();
    holder.join();
    assertThat(gate.run("10.0.0.2", () -> slowHash(0))).isEqualTo("hashed");
  }

  /**
   * One address queues 32 hashes; another address's one hash waits for at most the hash that is
   * running, not for the queue.
   */
  @Test
  void oneAddressesQueue_doesNotStandBeforeAnotherAddress() throws Exception {
    assertThat(otherAddressWaitedBehind(1)).isLessThanOrEqualTo(2);
  }

  /** The control: without the per-address bound, the other address waits behind the queue. */
  @Test
  void theControl_withoutThePerAddressBound_theOtherAddressWaitsBehindTheQueue() throws Exception {
    assertThat(otherAddressWaitedBehind(0)).isGreaterThanOrEqualTo(20);
  }

  /**
   * How many of the flooding address's hashes were done when the other address's one ran: the first
   * flooding hash holds its place until every other thread (the other address's too) is parked
   * waiting its turn, so the order they are served in is the gate's alone.
   */
  private int otherAddressWaitedBehind(int perAddress) throws Exception {
    PasswordHashingGate gate = new PasswordHashingGate(1, perAddress, Duration.ofSeconds(60));
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger first = new AtomicInteger();
    List<Thread> waiting = new ArrayList<>();
    Runnable floodOne =
        () ->
            gate.run(
                "10.0.0.1",
                () -> {
                  if (first.getAndIncrement() == 0) {
                    holding.countDown();
                    try {
                      release.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  done.incrementAndGet();
                  return "hashed";
                });
    Thread holder = new Thread(floodOne);
    holder.start();
    assertThat(holding.await(20, TimeUnit.SECONDS)).as("the first hash holds its place").isTrue();
    for (int i = 0; i < 31; i++) {
      Thread t = new Thread(floodOne);
      waiting.add(t);
      t.start();
    }
    awaitParked(waiting);
    AtomicInteger doneWhenOther = new AtomicInteger(-1);
    Thread other =
        new Thread(() -> gate.run("10.0.0.2", () -> doneWhenOther.getAndSet(done.get())));
    other.start();
    awaitParked(List.of(other));
    release.countDown();
    other.join();
    holder.join();
    for (Thread t : waiting) {
      t.join();
    }
    assertThat(done.get()).isEqualTo(32);
    return doneWhenOther.get();
  }

  private static void awaitParked(List<Thread> threads) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!threads.stream()
        .allMatch(
            t ->
                t.getState() == Thread.State.WAITING
                    || t.getState() == Thread.State.TIMED_WAITING)) {
      assertThat(System.nanoTime()).as("threads parked in time").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}

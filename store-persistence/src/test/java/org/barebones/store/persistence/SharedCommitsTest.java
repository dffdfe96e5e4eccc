package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The grouping of shared units on its own, with a runner that runs each group in no database: only
 * units with equal keys share a group, units with different keys run side by side, and a key whose
 * work is done leaves nothing behind.
 */
class SharedCommitsTest {

  /** The sizes of the groups run, in the order they were run. */
  private final List<Integer> groupSizes = new CopyOnWriteArrayList<>();

  private final SharedCommits shared =
      new SharedCommits(
          64,
          group -> {
            groupSizes.add(group.size());
            for (SharedCommits.Unit<?> unit : group) {
              unit.succeed(unit.run());
            }
          });

  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    pool.shutdownNow();
  }

  /** A unit of key {@code "hot"} that holds its lane's lead until released. */
  private Future<String> holdTheLead() throws InterruptedException {
    Future<String> leader =
        pool.submit(
            () ->
                shared.submit(
                    "hot",
                    () -> {
                      entered.countDown();
                      await(release);
                      return "leader";
                    }));
    assertThat(entered.await(1, TimeUnit.MINUTES)).isTrue();
    return leader;
  }

  @Test
  void unitsWithAnotherKey_runWhileAGroupOfTheFirstKeyRuns() throws Exception {
    Future<String> leader = holdTheLead();

    Future<String> other = pool.submit(() -> shared.submit("spread", () -> "other"));

    assertThat(other.get(1, TimeUnit.MINUTES))
        .as("a unit of another key, while the first key's group still runs")
        .isEqualTo("other");
    assertThat(leader.isDone()).as("the first key's group, still held").isFalse();
    release.countDown();
    assertThat(leader.get(1, TimeUnit.MINUTES)).isEqualTo("leader");
    assertThat(groupSizes).containsExactlyInAnyOrder(1, 1);
  }

  @Test
  void unitsWithTheSameKey_queueBehindItsGroup_andRunAsOneGroupAfterIt() throws Exception {
    Future<String> leader = holdTheLead();
    List<Future<String>> waiters = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String name = "waiter " + i;
      waiters.add(pool.submit(() -> shared.submit("hot", () -> name)));
      int queued = i + 1;
      waitUntil(() -> shared.waiting() == queued);
    }
    assertThat(waiters).as("queued behind the running group").noneMatch(Future::isDone);

    release.countDown();

    assertThat(leader.get(1, TimeUnit.MINUTES)).isEqualTo("leader");
    for (int i = 0; i < waiters.size(); i++) {
      assertThat(waiters.get(i).get(1, TimeUnit.MINUTES)).isEqualTo("waiter " + i);
    }
    assertThat(groupSizes).as("the leader alone, then the five together").containsExactly(1, 5);
    assertThat(shared.lanes()).as("keys left behind").isZero();
    assertThat(shared.groups()).isEqualTo(2);
    assertThat(shared.units()).isEqualTo(6);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("condition never met");
      }
      // A queue length another thread changes: there is nothing to wait on but time.
      Thread.sleep(2);
    }
  }
}

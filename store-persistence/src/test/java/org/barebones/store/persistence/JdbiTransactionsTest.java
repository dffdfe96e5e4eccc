package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.shared.NotFoundException;
import org.barebones.store.domain.shared.StoreUnavailableException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** How {@link JdbiTransactions} retries, rolls back and reports an unreachable database. */
class JdbiTransactionsTest {

  /** A key that groups the units given it: they all want the same rows. */
  private static final Object SAME_ROWS = "the same rows";

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private final StorePersistence store =
      JdbiStorePersistence.migrateAndOpen(TestDatabases.h2("transactions"), TestDatabases.CURRENCY);
  private final JdbiTransactions transactions = (JdbiTransactions) store.transactions();

  @Test
  void aRetryableFailure_runsTheWholeWorkAgain_keepingOnlyTheLastAttemptsChanges() {
    AtomicInteger attempts = new AtomicInteger();
    List<CartId> created = new ArrayList<>();

    CartId kept =
        transactions.inTransaction(
            () -> {
              CartId cart = store.carts().create(NOW).id();
              created.add(cart);
              if (attempts.incrementAndGet() < 3) {
                throw serializationFailure();
              }
              return cart;
            });

    assertThat(attempts).hasValue(3);
    assertThat(transactions.retries()).isEqualTo(2);
    assertThat(created).hasSize(3).last().isEqualTo(kept);
    assertThat(store.carts().findById(kept)).isPresent();
    assertThat(store.carts().findById(created.get(0))).isEmpty();
    assertThat(store.carts().findById(created.get(1))).isEmpty();
  }

  @Test
  void aFailureThatKeepsComingBack_isReportedAsUnavailableAfterTheLastAttempt() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                transactions.inTransaction(
                    () -> {
                      attempts.incrementAndGet();
                      throw serializationFailure();
                    }))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(attempts).hasValue(JdbiTransactions.MAX_ATTEMPTS);
  }

  @Test
  void aDomainFailure_isNeitherRetriedNorWrapped() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                transactions.inTransaction(
                    () -> {
                      attempts.incrementAndGet();
                      throw new NotFoundException("nothing here");
                    }))
        .isExactlyInstanceOf(NotFoundException.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void aNestedCall_runsOnTheOuterHandle_andIsNotRetriedOnItsOwn() {
    AtomicInteger outer = new AtomicInteger();
    AtomicInteger inner = new AtomicInteger();

    transactions.inTransaction(
        () -> {
          outer.incrementAndGet();
          return transactions.inTransaction(
              () -> {
                assertThat(transactions.isInTransaction()).isTrue();
                if (inner.incrementAndGet() == 1) {
                  throw serializationFailure();
                }
                return null;
              });
        });

    // The retry repeats the outer unit of work, which runs the inner one again.
    assertThat(outer).hasValue(2);
    assertThat(inner).hasValue(2);
    assertThat(transactions.isInTransaction()).isFalse();
  }

  @Test
  void anUnreachableDatabase_isReportedAsUnavailable_inAndOutsideAUnitOfWork() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setServerNames(new String[] {"127.0.0.1"});
    nowhere.setPortNumbers(new int[] {1});
    nowhere.setConnectTimeout(2);
    StorePersistence down = JdbiStorePersistence.open(Jdbi.create(nowhere), TestDatabases.CURRENCY);

    assertThatThrownBy(() -> down.carts().findById(CartId.of(1)))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> down.carts().create(NOW))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(
            () -> down.transactions().inTransaction(() -> down.carts().findById(CartId.of(1))))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void aFailingUnitInAGroup_isUndoneAlone_theOthersCommit() throws Exception {
    List<CartId> made = new ArrayList<>();

    List<Object> answers =
        inOneGroup(
            transactions,
            List.of(
                () -> made.add(store.carts().create(NOW).id()),
                () -> {
                  made.add(store.carts().create(NOW).id());
                  throw new NotFoundException("refused");
                },
                () -> made.add(store.carts().create(NOW).id())));

    assertThat(answers.get(0)).isEqualTo(true);
    assertThat(answers.get(1)).isInstanceOf(NotFoundException.class);
    assertThat(answers.get(2)).isEqualTo(true);
    assertThat(made).hasSize(3);
    assertThat(store.carts().findById(made.get(0))).isPresent();
    assertThat(store.carts().findById(made.get(1))).as("the failed unit's cart").isEmpty();
    assertThat(store.carts().findById(made.get(2))).isPresent();
  }

  /** Control: the same group without savepoints keeps the failed unit's cart. */
  @Test
  void control_aGroupWithoutSavepoints_keepsTheFailedUnitsChange() throws Exception {
    transactions.runSharedUnitsWithoutSavepoints();
    List<CartId> made = new ArrayList<>();

    inOneGroup(
        transactions,
        List.of(
            () -> made.add(store.carts().create(NOW).id()),
            () -> {
              made.add(store.carts().create(NOW).id());
              throw new NotFoundException("refused");
            }));

    assertThat(store.carts().findById(made.get(1))).as("the failed unit's cart").isPresent();
  }

  @Test
  void aRetryableFailureInAGroup_runsEveryUnitAgain_andKeepsOnlyTheLastAttempt() throws Exception {
    AtomicInteger firstRuns = new AtomicInteger();
    AtomicInteger secondRuns = new AtomicInteger();
    List<CartId> made = new ArrayList<>();
    long retriesBefore = transactions.retries();

    List<Object> answers =
        inOneGroup(
            transactions,
            List.of(
                () -> {
                  firstRuns.incrementAndGet();
                  CartId id = store.carts().create(NOW).id();
                  made.add(id);
                  return id;
                },
                () -> {
                  if (secondRuns.incrementAndGet() == 1) {
                    throw serializationFailure();
                  }
                  return "second";
                }));

    assertThat(firstRuns).as("runs of the unit that did not fail").hasValue(2);
    assertThat(secondRuns).hasValue(2);
    assertThat(transactions.retries() - retriesBefore).isEqualTo(1);
    assertThat(answers).containsExactly(made.get(1), "second");
    assertThat(store.carts().findById(made.get(0))).as("the first attempt's cart").isEmpty();
    assertThat(store.carts().findById(made.get(1))).isPresent();
  }

  @Test
  void aGroupWhoseCommitFails_failsEveryUnit_andKeepsNothing() throws Exception {
    DataSource h2 = TestDatabases.h2("commit-fails");
    JdbiStorePersistence.migrate(h2);
    AtomicBoolean failNextCommit = new AtomicBoolean();
    Jdbi jdbi = Jdbi.create(() -> failingCommits(h2.getConnection(), failNextCommit));
    StorePersistence failing = JdbiStorePersistence.open(jdbi, TestDatabases.CURRENCY);
    JdbiTransactions group = (JdbiTransactions) failing.transactions();
    List<CartId> made = new ArrayList<>();

    List<Object> answers =
        inOneGroup(
            group,
            List.of(
                () -> {
                  failNextCommit.set(true);
                  return made.add(failing.carts().create(NOW).id());
                },
                () -> made.add(failing.carts().create(NOW).id()),
                () -> made.add(failing.carts().create(NOW).id())));

    assertThat(answers)
        .hasSize(3)
        .allSatisfy(
            answer ->
                assertThat(answer)
                    .isInstanceOfSatisfying(
                        RuntimeException.class,
                        e -> assertThat(SqlErrors.sqlState(e)).contains("XX000")));
    assertThat(made).hasSize(3);
    for (CartId id : made) {
      assertThat(failing.carts().findById(id)).as("cart of a failed commit").isEmpty();
    }
  }

  @Test
  void aWaiterInterruptedWhileQueued_leavesWithoutItsWorkRunning() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread leader = holdTheLead(release);
    AtomicBoolean ran = new AtomicBoolean();
    Outcome outcome = new Outcome();
    Thread waiter = outcome.of(() -> ran.getAndSet(true));
    try {
      waiter.start();
      awaitWaiting(1);
      waiter.interrupt();
      waiter.join(TimeUnit.MINUTES.toMillis(1));

      assertThat(outcome.get()).isInstanceOf(StoreUnavailableException.class);
      assertThat(outcome.interruptKept).isTrue();
      assertThat(transactions.sharedWaiting()).isZero();
    } finally {
      release.countDown();
      leader.join(TimeUnit.MINUTES.toMillis(1));
    }
    assertThat(ran).as("the interrupted unit's work ran").isFalse();
  }

  @Test
  void aWaiterInterruptedOnceItsGroupRuns_getsItsOutcome_andKeepsTheInterrupt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread first = holdTheLead(release);
    CountDownLatch groupRunning = new CountDownLatch(1);
    CountDownLatch finishGroup = new CountDownLatch(1);
    Thread second =
        new Thread(
            () ->
                transactions.inSharedTransaction(
                    SAME_ROWS,
                    () -> {
                      groupRunning.countDown();
                      return awaitQuietly(finishGroup);
                    }));
    Outcome outcome = new Outcome();
    Thread taken = outcome.of(() -> store.carts().create(NOW).id());
    try {
      second.start();
      awaitWaiting(1);
      taken.start();
      awaitWaiting(2);
      release.countDown();
      // The second unit now leads a group that took the third: interrupt the third mid-group.
      assertThat(groupRunning.await(1, TimeUnit.MINUTES)).isTrue();
      taken.interrupt();
      finishGroup.countDown();
      taken.join(TimeUnit.MINUTES.toMillis(1));

      assertThat(outcome.get()).isInstanceOf(CartId.class);
      assertThat(store.carts().findById((CartId) outcome.get())).isPresent();
      assertThat(outcome.interruptKept).isTrue();
    } finally {
      release.countDown();
      finishGroup.countDown();
      first.join(TimeUnit.MINUTES.toMillis(1));
      second.join(TimeUnit.MINUTES.toMillis(1));
    }
  }

  /** Starts a thread whose shared unit leads, alone, until {@code release}. */
  private Thread holdTheLead(CountDownLatch release) throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    Thread leader =
        new Thread(
            () ->
                transactions.inSharedTransaction(
                    SAME_ROWS,
                    () -> {
                      entered.countDown();
                      return awaitQuietly(release);
                    }));
    leader.start();
    assertThat(entered.await(1, TimeUnit.MINUTES)).isTrue();
    return leader;
  }

  private void awaitWaiting(int queued) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (transactions.sharedWaiting() != queued) {
      assertThat(System.nanoTime()).as("%d units queued in time", queued).isLessThan(deadline);
      // Polling a queue length another thread changes: nothing to wait on but time.
      Thread.sleep(2);
    }
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A connection whose next commit fails (a failure that is not worth a retry) when armed. */
  private static Connection failingCommits(Connection real, AtomicBoolean failNextCommit) {
    return (Connection)
        Proxy.newProxyInstance(
            JdbiTransactionsTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("commit") && failNextCommit.getAndSet(false)) {
                real.rollback();
                throw new SQLException("commit refused", "XX000");
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /**
   * Runs {@code units} as one group: a first unit holds the lead until all of them are queued
   * behind it, so they form the next group, in this order. Answers each unit's result or failure.
   */
  static List<Object> inOneGroup(JdbiTransactions transactions, List<Supplier<Object>> units)
      throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(units.size() + 1);
    try {
      long groupsBefore = transactions.sharedGroups();
      Future<Object> blocker =
          pool.submit(
              () ->
                  transactions.inSharedTransaction(
                      SAME_ROWS,
                      () -> {
                        entered.countDown();
                        try {
                          return release.await(1, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                          throw new IllegalStateException(e);
                        }
                      }));
      assertThat(entered.await(1, TimeUnit.MINUTES)).isTrue();
      List<Future<Object>> answers = new ArrayList<>();
      for (Supplier<Object> unit : units) {
        answers.add(
            pool.submit(
                () -> {
                  try {
                    return transactions.inSharedTransaction(SAME_ROWS, unit);
                  } catch (RuntimeException e) {
                    return e;
                  }
                }));
        int queued = answers.size();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (transactions.sharedWaiting() != queued) {
          assertThat(System.nanoTime()).as("unit %d queued in time", queued).isLessThan(deadline);
          // Polling a queue length another thread changes: nothing to wait on but time.
          Thread.sleep(2);
        }
      }
      release.countDown();
      assertThat(blocker.get(1, TimeUnit.MINUTES)).isEqualTo(true);
      List<Object> got = new ArrayList<>();
      for (Future<Object> answer : answers) {
        got.add(answer.get(1, TimeUnit.MINUTES));
      }
      assertThat(transactions.sharedGroups() - groupsBefore)
          .as("groups: the blocker's, then the units'")
          .isEqualTo(2);
      return got;
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  private static RuntimeException serializationFailure() {
    return new IllegalStateException(new SQLException("could not serialize access", "40001"));
  }

  /**
   * What a thread running one shared unit on {@link #SAME_ROWS} got: its answer or exception, and
   * whether it still had its interrupt afterwards.
   */
  private final class Outcome {
    final AtomicReference<Object> answer = new AtomicReference<>();
    final AtomicBoolean interruptKept = new AtomicBoolean();

    Thread of(Supplier<?> work) {
      return new Thread(
          () -> {
            try {
              answer.set(transactions.inSharedTransaction(SAME_ROWS, work));
            } catch (RuntimeException e) {
              answer.set(e);
            }
            interruptKept.set(Thread.currentThread().isInterrupted());
          });
    }

    Object get() {
      return answer.get();
    }
  }
}

package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.shared.NotFoundException;
import org.barebones.store.domain.shared.StoreUnavailableException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** How {@link JdbiTransactions} retries, rolls back and reports an unreachable database. */
class JdbiTransactionsTest {

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

  private static RuntimeException serializationFailure() {
    return new IllegalStateException(new SQLException("could not serialize access", "40001"));
  }
}

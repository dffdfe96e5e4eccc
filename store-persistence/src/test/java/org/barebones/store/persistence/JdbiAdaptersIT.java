package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.barebones.store.persistence.Seed.usd;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartCheckedOutException;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.NotFoundException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * What the JDBI adapters do beyond the domain's contracts: the schema's own constraints, the
 * translation of what a client could provoke into domain failures, and retries after a deadlock.
 */
class JdbiAdaptersIT {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private static DataSource database(TestDatabases.Kind kind) {
    return TestDatabases.shared(JdbiAdaptersIT.class, kind).dataSource();
  }

  /** Adapters of their own over the suite's database: each test counts its own retries. */
  private static StorePersistence store(TestDatabases.Kind kind) {
    return JdbiStorePersistence.open(Jdbi.create(database(kind)), TestDatabases.CURRENCY);
  }

  @OnEachDatabase
  void aCheckedOutCart_refusesEveryChangeToItsLines(TestDatabases.Kind kind) {
    StorePersistence store = store(kind);
    Product product = Seed.product(store, "2.00", 10);
    Cart cart = store.carts().create(NOW);
    store.carts().putLine(cart.id(), product.id(), 2, usd("2.00"));
    store.carts().markCheckedOut(cart.id(), anOrder(store, cart, product).id());

    assertThatThrownBy(() -> store.carts().putLine(cart.id(), product.id(), 5, usd("2.00")))
        .isInstanceOf(CartCheckedOutException.class);
    assertThatThrownBy(() -> store.carts().removeLine(cart.id(), product.id()))
        .isInstanceOf(CartCheckedOutException.class);
    assertThatThrownBy(
            () -> store.carts().repriceLines(cart.id(), Map.of(product.id(), usd("9.00"))))
        .isInstanceOf(CartCheckedOutException.class);
    assertThatThrownBy(
            () -> store.carts().markCheckedOut(cart.id(), anOrder(store, cart, product).id()))
        .isInstanceOf(CartCheckedOutException.class);

    Cart after = store.carts().findById(cart.id()).orElseThrow();
    assertThat(after.line(product.id()).orElseThrow().quantity()).isEqualTo(2);
    assertThat(after.cachedPrice()).isEqualTo(usd("4.00"));
  }

  @OnEachDatabase
  void whatAClientMayNameButNoLongerExists_isNotFound(TestDatabases.Kind kind) {
    StorePersistence store = store(kind);
    Product product = Seed.product(store, "2.00", 10);
    Cart cart = store.carts().create(NOW);
    CartId noCart = CartId.of(Long.MAX_VALUE);
    ProductId noProduct = ProductId.of(Long.MAX_VALUE);

    assertThatThrownBy(() -> store.carts().putLine(cart.id(), noProduct, 1, usd("1.00")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                store
                    .transactions()
                    .inTransaction(
                        () -> {
                          store.carts().putLine(cart.id(), noProduct, 1, usd("1.00"));
                          return null;
                        }))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.carts().putLine(noCart, product.id(), 1, usd("1.00")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.carts().removeLine(noCart, product.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                store
                    .products()
                    .add(new NewProduct(ProducerId.of(Long.MAX_VALUE), "Orphan", usd("1.00"), 1)))
        .isInstanceOf(NotFoundException.class);
    assertThat(store.carts().findById(cart.id()).orElseThrow().lines()).isEmpty();
  }

  @OnEachDatabase
  void aSecondOrderForOneCart_isRefused(TestDatabases.Kind kind) {
    StorePersistence store = store(kind);
    Product product = Seed.product(store, "2.00", 10);
    Cart cart = store.carts().create(NOW);
    Order first = anOrder(store, cart, product);

    assertThatThrownBy(() -> anOrder(store, cart, product))
        .isInstanceOf(CartCheckedOutException.class);
    assertThat(store.orders().findById(first.id())).isPresent();
  }

  @OnEachDatabase
  void deletingAProduct_takesItOutOfOpenCartsByItself(TestDatabases.Kind kind) {
    StorePersistence store = store(kind);
    Product lamp = Seed.product(store, "5.00", 10);
    Product pen = Seed.product(store, "1.00", 10);
    Cart cart = store.carts().create(NOW);
    store.carts().putLine(cart.id(), lamp.id(), 2, usd("5.00"));
    store.carts().putLine(cart.id(), pen.id(), 3, usd("1.00"));

    assertThat(store.products().delete(lamp.id())).isTrue();

    Cart after = store.carts().findById(cart.id()).orElseThrow();
    assertThat(after.lines()).extracting(CartLine::productId).containsExactly(pen.id());
    assertThat(after.cachedPrice()).isEqualTo(usd("3.00"));
  }

  /**
   * A cart takes the product while it is being deleted, after the delete has cleared the carts it
   * could see: the delete must not leave that cart with a line of a product that is gone, nor with
   * a cached price that counts it.
   */
  @OnEachDatabase
  void deletingAProduct_whileACartTakesIt_leavesNoStaleLine(TestDatabases.Kind kind)
      throws Exception {
    StorePersistence store = store(kind);
    Product lamp = Seed.product(store, "5.00", 10);
    Cart cart = store.carts().create(NOW);
    CountDownLatch lineWritten = new CountDownLatch(1);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> adding =
          pool.submit(() -> putALineAndHoldIt(store, cart.id(), lamp.id(), lineWritten));
      assertThat(lineWritten.await(30, TimeUnit.SECONDS)).isTrue();
      Future<Boolean> deleting = pool.submit(() -> store.products().delete(lamp.id()));

      try {
        adding.get(1, TimeUnit.MINUTES);
      } catch (ExecutionException e) {
        // The line may be refused instead, if the product went first: then nothing is stale.
        assertThat(e.getCause()).isInstanceOf(NotFoundException.class);
      }
      assertThat(deleting.get(1, TimeUnit.MINUTES)).isTrue();
    } finally {
      pool.shutdownNow();
    }

    Cart after = store.carts().findById(cart.id()).orElseThrow();
    assertThat(after.lines()).isEmpty();
    assertThat(after.cachedPrice()).isEqualTo(usd("0.00"));
    assertThat(store.products().findById(lamp.id())).isEmpty();
  }

  /** Puts two lamps in the cart and holds that unit of work open a while before committing. */
  private static Void putALineAndHoldIt(
      StorePersistence store, CartId cart, ProductId lamp, CountDownLatch lineWritten) {
    return store
        .transactions()
        .inTransaction(
            () -> {
              store.carts().putLine(cart, lamp, 2, usd("5.00"));
              lineWritten.countDown();
              try {
                // A pause is the point: this transaction holds its new line while the delete
                // starts, which must wait or retry; nothing observable says that the delete is
                // blocked on it.
                Thread.sleep(500);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
              return null;
            });
  }

  @OnEachDatabase
  void idsAreNeverReused(TestDatabases.Kind kind) {
    StorePersistence store = store(kind);
    Cart deleted = store.carts().create(NOW);
    Product gone = Seed.product(store, "1.00", 1);
    store.carts().delete(deleted.id());
    store.products().delete(gone.id());

    assertThat(store.carts().create(NOW).id()).isGreaterThan(deleted.id());
    assertThat(Seed.product(store, "1.00", 1).id()).isGreaterThan(gone.id());
  }

  @OnEachDatabase
  void timesKeepMicroseconds_andTheReturnedValueIsWhatIsStored(TestDatabases.Kind kind) {
    StorePersistence store = store(kind);
    Instant precise = Instant.parse("2026-11-25T10:00:00.123456789Z");

    Cart created = store.carts().create(precise);

    assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00.123456Z"));
    assertThat(store.carts().findById(created.id()).orElseThrow().createdAt())
        .isEqualTo(created.createdAt());
  }

  @OnEachDatabase
  void theSchemaRefusesWhatTheDomainForbids_evenWhenTheDomainIsBypassed(TestDatabases.Kind kind) {
    Jdbi jdbi = Jdbi.create(database(kind));
    Producer owner = Seed.producer(store(kind));
    long product = Seed.product(store(kind), "1.00", 1).id().value();

    List<String> forbidden =
        List.of(
            "UPDATE product SET inventory_count = -1 WHERE id = " + product,
            "UPDATE product SET price = 0.09 WHERE id = " + product,
            "INSERT INTO producer (username, username_canonical, password_hash) VALUES ('"
                + owner.username().value().toUpperCase(java.util.Locale.ROOT)
                + "', '"
                + owner.username().canonical()
                + "', 'h')",
            "INSERT INTO producer (username, username_canonical, password_hash)"
                + " VALUES ('MixedCase', 'MixedCase', 'h')",
            "INSERT INTO shopping_cart (status, cached_price, created_at)"
                + " VALUES ('checked_out', 0, CURRENT_TIMESTAMP)",
            "INSERT INTO shopping_cart (status, cached_price, created_at)"
                + " VALUES ('lost', 0, CURRENT_TIMESTAMP)");
    for (String sql : forbidden) {
      assertThatThrownBy(() -> jdbi.useHandle(handle -> handle.execute(sql)))
          .as(sql)
          .isInstanceOf(UnableToExecuteStatementException.class);
    }
  }

  /**
   * Two units of work lock two carts in opposite orders, so the database must abort one of them;
   * the adapter runs that one again and both complete.
   */
  @OnEachDatabase
  void aDeadlockedUnitOfWork_isRunAgain_andBothComplete(TestDatabases.Kind kind) throws Exception {
    StorePersistence store = store(kind);
    JdbiTransactions transactions = (JdbiTransactions) store.transactions();
    CartId a = store.carts().create(NOW).id();
    CartId b = store.carts().create(NOW).id();
    CyclicBarrier bothHoldOne = new CyclicBarrier(2);
    AtomicInteger attempts = new AtomicInteger();

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> results =
          List.of(
              pool.submit(() -> lockBoth(store, a, b, bothHoldOne, attempts)),
              pool.submit(() -> lockBoth(store, b, a, bothHoldOne, attempts)));
      for (Future<Boolean> result : results) {
        assertThat(result.get(1, TimeUnit.MINUTES)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(attempts.get()).as("attempts, retries included").isGreaterThanOrEqualTo(3);
    assertThat(transactions.retries()).isPositive();
  }

  private static boolean lockBoth(
      StorePersistence store,
      CartId first,
      CartId second,
      CyclicBarrier bothHoldOne,
      AtomicInteger attempts) {
    AtomicInteger mine = new AtomicInteger();
    return store
        .transactions()
        .inTransaction(
            () -> {
              attempts.incrementAndGet();
              store.carts().lockById(first).orElseThrow();
              if (mine.incrementAndGet() == 1) {
                // Only the first attempts meet here: a retry must not wait for a partner.
                try {
                  bothHoldOne.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
              return store.carts().lockById(second).isPresent();
            });
  }

  private static Order anOrder(StorePersistence store, Cart cart, Product product) {
    return Seed.order(store, cart.id(), NOW, List.of(Seed.line(product, 1)));
  }
}

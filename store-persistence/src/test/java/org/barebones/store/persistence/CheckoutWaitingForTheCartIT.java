package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.cart.CartStatus;
import org.barebones.store.domain.event.EventId;
import org.barebones.store.domain.event.EventRecorder;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.port.CartRepository;
import org.barebones.store.domain.port.CheckoutListener;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.producer.NewProducer;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.Username;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.usecase.Checkout;
import org.barebones.store.domain.usecase.CheckoutCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proof: a line committed while a checkout waits for its cart's lock is in the order. At READ
 * COMMITTED a statement sees what was committed when it started, so a checkout that locked the cart
 * and read its lines in one statement would miss a line committed during the wait (the benchmark
 * notes' hazard); the checkout reads the lines in a statement of its own, once it holds the lock.
 * The control merges the two and must be caught on PostgreSQL.
 */
class CheckoutWaitingForTheCartIT {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void aLineCommittedDuringTheWait_isInTheOrder(TestDatabases.Kind kind) throws Exception {
    DataSource dataSource = kind.fresh("checkout_wait");
    StorePersistence store =
        JdbiStorePersistence.migrateAndOpen(dataSource, TestDatabases.CURRENCY);

    Race race = raceALineAgainstTheCheckout(store, store.carts(), dataSource, kind);

    assertThat(race.order().lines())
        .extracting(OrderLine::productId)
        .containsExactly(race.first().id(), race.added().id());
    assertThat(stockOf(store, race.added())).as("the added line's stock was taken").isEqualTo(9);
    assertThat(stockOf(store, race.first())).isEqualTo(9);
  }

  @Test
  void control_lockAndReadInOneStatement_missesTheLine_onPostgresql() throws Exception {
    TestDatabases.Kind kind = TestDatabases.Kind.POSTGRESQL;
    DataSource dataSource = kind.fresh("checkout_wait_control");
    StorePersistence store =
        JdbiStorePersistence.migrateAndOpen(dataSource, TestDatabases.CURRENCY);
    CartRepository merged = new LockAndReadInOneStatement((JdbiCartRepository) store.carts());

    Race race = raceALineAgainstTheCheckout(store, merged, dataSource, kind);

    assertThat(race.order().lines())
        .as("the order of a checkout that read its lines with the lock")
        .extracting(OrderLine::productId)
        .containsExactly(race.first().id());
    assertThat(store.carts().findById(race.cart()).orElseThrow().lines())
        .as("lines the checked-out cart holds")
        .hasSize(2);
  }

  private record Race(CartId cart, Product first, Product added, Order order) {}

  /**
   * A cart holds one line; a unit of work puts a second line in it (which locks the cart) and stays
   * open; a checkout of the cart starts and is seen waiting for a lock; then the line's unit of
   * work commits and the checkout ends.
   */
  private static Race raceALineAgainstTheCheckout(
      StorePersistence store, CartRepository carts, DataSource dataSource, TestDatabases.Kind kind)
      throws Exception {
    Producer owner =
        store.producers().add(new NewProducer(new Username("w" + System.nanoTime()), "hash"));
    Product first = aProduct(store, owner);
    Product added = aProduct(store, owner);
    Cart cart = store.carts().create(NOW);
    store.carts().putLine(cart.id(), first.id(), 1, first.price());
    Checkout checkout =
        new Checkout(
            carts,
            store.products(),
            store.orders(),
            store.transactions(),
            new EventRecorder(
                store.events(), List.of(), Clock.fixed(NOW, ZoneOffset.UTC), EventId::random),
            Clock.fixed(NOW, ZoneOffset.UTC),
            CheckoutListener.NONE);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch lineWritten = new CountDownLatch(1);
      CountDownLatch commit = new CountDownLatch(1);
      Future<?> putting =
          pool.submit(
              () ->
                  store
                      .transactions()
                      .inTransaction(
                          () -> {
                            store.carts().putLine(cart.id(), added.id(), 1, added.price());
                            lineWritten.countDown();
                            await(commit);
                            return null;
                          }));
      assertThat(lineWritten.await(30, TimeUnit.SECONDS)).as("line written").isTrue();
      int waitingBefore = sessionsWaitingForALock(dataSource, kind);
      Future<Order> checkingOut =
          pool.submit(() -> checkout.checkout(CheckoutCommand.of(cart.id())));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (sessionsWaitingForALock(dataSource, kind) <= waitingBefore) {
        assertThat(checkingOut.isDone()).as("the checkout ended without waiting").isFalse();
        assertThat(System.nanoTime()).as("the checkout waits for the cart").isLessThan(deadline);
        // Polls the database's lock waits: it offers nothing to wait on but time.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      }
      commit.countDown();
      putting.get(30, TimeUnit.SECONDS);
      return new Race(cart.id(), first, added, checkingOut.get(30, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Sessions of this database blocked on a lock another one holds. */
  private static int sessionsWaitingForALock(DataSource dataSource, TestDatabases.Kind kind)
      throws SQLException {
    String sql =
        kind == TestDatabases.Kind.POSTGRESQL
            ? "SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never told to commit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Product aProduct(StorePersistence store, Producer owner) {
    return store
        .products()
        .add(new NewProduct(owner.id(), "Widget", Money.of("2.50", TestDatabases.CURRENCY), 10));
  }

  private static int stockOf(StorePersistence store, Product product) {
    return store.products().findById(product.id()).orElseThrow().inventoryCount();
  }

  /**
   * Control: a cart repository whose {@code lockById} locks the cart and reads its lines in one
   * statement (an outer join {@code FOR UPDATE OF} the cart), saving the checkout a round trip.
   * Everything else is the real adapter's.
   */
  private static final class LockAndReadInOneStatement implements CartRepository {
    private final JdbiCartRepository real;

    LockAndReadInOneStatement(JdbiCartRepository real) {
      this.real = real;
    }

    @Override
    public Optional<Cart> lockById(CartId id) {
      List<Map<String, Object>> rows =
          real.transactions()
              .withHandle(
                  handle ->
                      handle
                          .createQuery(
                              "SELECT c.id, c.status, c.cached_price, c.order_id, c.created_at,"
                                  + " e.id AS entry_id, e.product_id, e.quantity, e.unit_price"
                                  + " FROM shopping_cart c"
                                  + " LEFT JOIN shopping_cart_entry e"
                                  + " ON e.shopping_cart_id = c.id"
                                  + " WHERE c.id = :id ORDER BY e.product_id FOR UPDATE OF c")
                          .bind("id", id.value())
                          .mapToMap()
                          .list());
      if (rows.isEmpty()) {
        return Optional.empty();
      }
      Map<String, Object> cart = rows.get(0);
      List<CartLine> lines = new ArrayList<>();
      for (Map<String, Object> row : rows) {
        if (row.get("entry_id") != null) {
          lines.add(
              new CartLine(
                  ((Number) row.get("entry_id")).longValue(),
                  ProductId.of(((Number) row.get("product_id")).longValue()),
                  ((Number) row.get("quantity")).intValue(),
                  new Money((java.math.BigDecimal) row.get("unit_price"), TestDatabases.CURRENCY)));
        }
      }
      boolean open = "open".equals(cart.get("status"));
      Object createdAt = cart.get("created_at");
      Instant created =
          createdAt instanceof OffsetDateTime odt
              ? odt.toInstant()
              : ((java.sql.Timestamp) createdAt).toInstant();
      return Optional.of(
          new Cart(
              id,
              open ? CartStatus.OPEN : CartStatus.CHECKED_OUT,
              new Money((java.math.BigDecimal) cart.get("cached_price"), TestDatabases.CURRENCY),
              lines,
              Optional.ofNullable((Number) cart.get("order_id"))
                  .map(n -> OrderId.of(n.longValue())),
              created));
    }

    @Override
    public Cart create(Instant createdAt) {
      return real.create(createdAt);
    }

    @Override
    public Optional<Cart> findById(CartId id) {
      return real.findById(id);
    }

    @Override
    public void putLine(CartId cart, ProductId product, int quantity, Money unitPrice) {
      real.putLine(cart, product, quantity, unitPrice);
    }

    @Override
    public void removeLine(CartId cart, ProductId product) {
      real.removeLine(cart, product);
    }

    @Override
    public void repriceLines(CartId cart, Map<ProductId, Money> unitPrices) {
      real.repriceLines(cart, unitPrices);
    }

    @Override
    public void touch(CartId id, Instant at) {
      real.touch(id, at);
    }

    @Override
    public int deleteIdleOpenCarts(Instant changedBefore, int limit) {
      return real.deleteIdleOpenCarts(changedBefore, limit);
    }

    @Override
    public void markCheckedOut(CartId id, OrderId order) {
      real.markCheckedOut(id, order);
    }

    @Override
    public boolean delete(CartId id) {
      return real.delete(id);
    }

    @Override
    public void removeProductFromOpenCarts(ProductId product) {
      real.removeProductFromOpenCarts(product);
    }
  }
}

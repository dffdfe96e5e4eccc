package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.order.CanceledBy;
import org.barebones.store.domain.order.NewOrder;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.port.Restock;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.product.ProductQuery;
import org.barebones.store.domain.shared.PageRequest;
import org.barebones.store.domain.usecase.Checkout;
import org.barebones.store.domain.usecase.CheckoutCommand;
import org.jdbi.v3.core.Jdbi;

/**
 * Loading an aggregate of any size takes a fixed number of statements: no query per line or per
 * product. Counts every statement executed on the connections, through JDBI or plain JDBC (a batch
 * counts once), not BEGIN and COMMIT.
 */
class QueryCountIT {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final int MANY = 100;

  private final StatementCounter statements = new StatementCounter();

  private StorePersistence open(TestDatabases.Kind kind) {
    DataSource dataSource = kind.fresh("query_count");
    JdbiStorePersistence.migrate(dataSource);
    Jdbi jdbi = Jdbi.create(statements.wrap(dataSource));
    return JdbiStorePersistence.open(jdbi, TestDatabases.CURRENCY);
  }

  private int statementsOf(Runnable work) {
    statements.reset();
    work.run();
    return statements.count();
  }

  private <T> T counting(Supplier<T> work, int expected) {
    statements.reset();
    T result = work.get();
    assertThat(statements.count()).as("statements sent").isEqualTo(expected);
    return result;
  }

  @OnEachDatabase
  void aCartOfAHundredLines_loadsInOneQuery_andLocksInTwo(TestDatabases.Kind kind) {
    StorePersistence store = open(kind);
    Producer owner = Seed.producer(store);
    Cart cart = store.carts().create(NOW);
    for (int i = 0; i < MANY; i++) {
      Product product = aProduct(store, owner);
      store.carts().putLine(cart.id(), product.id(), 1 + i, product.price());
    }
    CartId id = cart.id();

    assertThat(counting(() -> store.carts().findById(id), 1).orElseThrow().lines()).hasSize(MANY);
    assertThat(
            counting(() -> store.transactions().inTransaction(() -> store.carts().lockById(id)), 2)
                .orElseThrow()
                .lines())
        .hasSize(MANY);
  }

  @OnEachDatabase
  void aProducersHundredProducts_listInOneQuery(TestDatabases.Kind kind) {
    StorePersistence store = open(kind);
    Producer owner = Seed.producer(store);
    Producer other = Seed.producer(store);
    List<ProductId> ids = new ArrayList<>();
    for (int i = 0; i < MANY; i++) {
      ids.add(aProduct(store, owner).id());
    }
    aProduct(store, other);

    assertThat(counting(() -> store.products().listByProducers(List.of(owner.id(), other.id())), 1))
        .hasEntrySatisfying(owner.id(), products -> assertThat(products).hasSize(MANY))
        .hasEntrySatisfying(other.id(), products -> assertThat(products).hasSize(1));
    assertThat(counting(() -> store.products().findAllById(ids), 1)).hasSize(MANY);
    assertThat(
            counting(
                    () ->
                        store
                            .products()
                            .list(
                                new ProductQuery(
                                    0, java.util.Optional.of(owner.id()), PageRequest.first(50))),
                    1)
                .items())
        .hasSize(50);
  }

  @OnEachDatabase
  void anOrderOfAHundredLines_isWrittenInThreeStatements_andReadInOne(TestDatabases.Kind kind) {
    StorePersistence store = open(kind);
    Producer owner = Seed.producer(store);
    List<OrderLine> lines = new ArrayList<>();
    for (int i = 0; i < MANY; i++) {
      Product product = aProduct(store, owner);
      lines.add(Seed.line(product, 1));
    }
    CartId cart = store.carts().create(NOW).id();

    // The order, its producers' parts (one batch), its lines (one batch).
    Order order = counting(() -> store.orders().add(new NewOrder(cart, NOW, lines)), 3);

    assertThat(counting(() -> store.orders().findById(order.id()), 1).orElseThrow().lines())
        .hasSize(MANY);
  }

  /**
   * A checkout's statements, BEGIN and COMMIT aside. First, outside its unit of work, the cart's
   * products, read to group it with checkouts of the same products. On PostgreSQL: the cart's lock,
   * the cart with its lines and their products, then one statement that takes every line's stock,
   * records the order, its parts and lines and closes the cart, whatever the cart's size, and the
   * insert of its {@code order.placed} event (no product sells out here, and no delivery target is
   * configured). On H2: the same lock and read, one conditional decrement per line, the stock left,
   * the order, its parts (one batch), its lines (one batch), the cart and the event.
   */
  @OnEachDatabase
  void aCheckout_takesFiveStatementsOnPostgresql_whateverTheCartsSize(TestDatabases.Kind kind) {
    StorePersistence store = open(kind);
    Checkout checkout = Seed.checkout(store, NOW);
    Producer owner = Seed.producer(store);
    Producer other = Seed.producer(store);
    boolean postgres = kind == TestDatabases.Kind.POSTGRESQL;
    for (int size : new int[] {1, 2, MANY}) {
      Cart cart = store.carts().create(NOW);
      for (int i = 0; i < size; i++) {
        Product product = aProduct(store, i % 2 == 0 ? owner : other);
        store.carts().putLine(cart.id(), product.id(), 1 + i % 3, product.price());
      }

      Order order =
          counting(() -> checkout.checkout(CheckoutCommand.of(cart.id())), postgres ? 5 : 9 + size);

      assertThat(order.lines()).as("lines of a cart of %s", size).hasSize(size);
      assertThat(order.parts()).hasSize(Math.min(size, 2));
    }
  }

  /**
   * A cancellation with its restock, inside a unit of work (BEGIN and COMMIT aside). On PostgreSQL
   * one statement cancels the pending parts and gives every line's units back, whatever the order's
   * size. On H2: one conditional update per part, the order, and per line its increment and the
   * stock after it.
   */
  @OnEachDatabase
  void aCancellation_isOneStatementOnPostgresql_whateverTheOrdersSize(TestDatabases.Kind kind) {
    StorePersistence store = open(kind);
    Producer owner = Seed.producer(store);
    Producer other = Seed.producer(store);
    boolean postgres = kind == TestDatabases.Kind.POSTGRESQL;
    for (int size : new int[] {1, 2, MANY}) {
      List<OrderLine> lines = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        Product product = aProduct(store, i % 2 == 0 ? owner : other);
        lines.add(Seed.line(product, 2));
      }
      Order order = store.orders().add(new NewOrder(store.carts().create(NOW).id(), NOW, lines));

      Restock restock =
          counting(
              () ->
                  store
                      .transactions()
                      .inTransaction(
                          () ->
                              store
                                  .orders()
                                  .cancelPending(
                                      order.id(),
                                      List.of(owner.id(), other.id()),
                                      NOW,
                                      CanceledBy.BUYER,
                                      Optional.empty(),
                                      store.products())),
              postgres ? 1 : 2 + 1 + 2 * size);

      assertThat(restock.canceled())
          .as("parts of an order of %s lines", size)
          .hasSize(Math.min(size, 2));
      assertThat(restock.units()).isEqualTo(2 * size);
    }
  }

  @OnEachDatabase
  void changingALine_takesAFewStatements_whateverTheCartsSize(TestDatabases.Kind kind) {
    StorePersistence store = open(kind);
    Producer owner = Seed.producer(store);
    Cart cart = store.carts().create(NOW);
    Product product = aProduct(store, owner);
    for (int i = 0; i < MANY; i++) {
      Product other = aProduct(store, owner);
      store.carts().putLine(cart.id(), other.id(), 1, other.price());
    }

    // Upsert the line, recompute the price, hold the product against its deletion (PostgreSQL: a
    // key-share lock on it; H2: its guard row, then a read of the product).
    assertThat(
            statementsOf(() -> store.carts().putLine(cart.id(), product.id(), 3, product.price())))
        .isEqualTo(kind == TestDatabases.Kind.POSTGRESQL ? 3 : 4);
    assertThat(statementsOf(() -> store.carts().removeLine(cart.id(), product.id()))).isEqualTo(2);
  }

  private static Product aProduct(StorePersistence store, Producer owner) {
    return Seed.product(store, owner, "1.25", 1_000);
  }
}

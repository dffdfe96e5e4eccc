package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.order.OrderPart;
import org.barebones.store.domain.order.OrderStatus;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.PageRequest;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The migrations bring an empty database to the latest schema, once, on every database. */
class MigrationsIT {

  static Stream<Arguments> databases() {
    return Stream.of(
        Arguments.of("H2", TestDatabases.h2("migrations")),
        Arguments.of("PostgreSQL", TestDatabases.postgres("migrations")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void migrate_onAnEmptyDatabase_appliesEveryMigrationOnceAndCreatesTheTables(
      String name, DataSource dataSource) throws SQLException {
    int first = JdbiStorePersistence.migrate(dataSource);
    int second = JdbiStorePersistence.migrate(dataSource);

    assertThat(first).isEqualTo(migrationFiles());
    assertThat(second).isZero();
    assertThat(tables(dataSource))
        .contains(
            "producer",
            "product",
            "shopping_cart",
            "shopping_cart_entry",
            "purchase_order",
            "purchase_order_line",
            "purchase_order_part",
            JdbiStorePersistence.SCHEMA_HISTORY_TABLE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void migrate_besideAnEmbeddersOwnTables_stillCreatesTheStoresSchema(
      String name, DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE embedder_table (id INTEGER PRIMARY KEY)");
    }

    assertThat(JdbiStorePersistence.migrate(dataSource)).isEqualTo(migrationFiles());
    assertThat(tables(dataSource)).contains("embedder_table", "product", "purchase_order");
  }

  @Test
  void migrate_onH2_movesASequenceThatFellBehindItsRowsPastThem() throws SQLException {
    DataSource dataSource = TestDatabases.h2("sequence-behind");
    JdbiStorePersistence.migrate(dataSource);
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      assertThat(List.of(addProducer(statement, "ann"), addProducer(statement, "bob")))
          .containsExactly(1L, 2L);
      // What a file database killed mid-write has been seen to reopen with: rows numbered past
      // the position its sequence came back at.
      statement.execute("ALTER TABLE producer ALTER COLUMN id RESTART WITH 1");
      assertThatThrownBy(() -> addProducer(statement, "cy"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("primary key violation");

      assertThat(JdbiStorePersistence.migrate(dataSource)).isZero();
      assertThat(addProducer(statement, "dee")).isEqualTo(3);

      // A sequence already ahead of its rows stays where it is: no id is handed out twice.
      statement.execute("DELETE FROM producer WHERE username = 'dee'");
      assertThat(JdbiStorePersistence.migrate(dataSource)).isZero();
      assertThat(addProducer(statement, "eve")).isEqualTo(4);
    }
  }

  /** Inserts a producer row; answers its id. */
  private static long addProducer(Statement statement, String name) throws SQLException {
    statement.execute(
        "INSERT INTO producer (username, username_canonical, password_hash) VALUES ('"
            + name
            + "', '"
            + name
            + "', 'x')");
    try (ResultSet row =
        statement.executeQuery("SELECT id FROM producer WHERE username = '" + name + "'")) {
      assertThat(row.next()).isTrue();
      return row.getLong(1);
    }
  }

  /** A line as version 1 wrote it. */
  private record OldLine(long product, String title, String price) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void migrate_aDatabaseOfVersion1_givesOldLinesTheProducersOfTheProductsThatStillExist(
      String name, DataSource dataSource) {
    Flyway.configure(JdbiStorePersistence.class.getClassLoader())
        .dataSource(dataSource)
        .locations(JdbiStorePersistence.MIGRATIONS_LOCATION)
        .table(JdbiStorePersistence.SCHEMA_HISTORY_TABLE)
        .target("1")
        .load()
        .migrate();
    Jdbi jdbi = Jdbi.create(dataSource);
    long ada = aProducer(jdbi, "ada");
    long bob = aProducer(jdbi, "bob");
    long lamp = aProduct(jdbi, ada, "Lamp");
    long pen = aProduct(jdbi, bob, "Pen");
    long gone = aProduct(jdbi, bob, "Gone");
    jdbi.useHandle(h -> h.execute("DELETE FROM product WHERE id = ?", gone));
    long mixed =
        anOldOrder(
            jdbi,
            1,
            "22.49",
            List.of(
                new OldLine(lamp, "Lamp", "19.99"),
                new OldLine(pen, "Pen", "0.50"),
                new OldLine(gone, "Gone", "2.00")));
    long onlyGone = anOldOrder(jdbi, 2, "2.00", List.of(new OldLine(gone, "Gone", "2.00")));

    assertThat(JdbiStorePersistence.migrate(dataSource)).isEqualTo(migrationFiles() - 1);

    StorePersistence store = JdbiStorePersistence.open(jdbi, TestDatabases.CURRENCY);
    Order order = store.orders().findById(OrderId.of(mixed)).orElseThrow();
    assertThat(order.lines())
        .extracting(OrderLine::productId, OrderLine::producerId, OrderLine::title)
        .containsExactly(
            tuple(ProductId.of(lamp), Optional.of(ProducerId.of(ada)), "Lamp"),
            tuple(ProductId.of(pen), Optional.of(ProducerId.of(bob)), "Pen"),
            tuple(ProductId.of(gone), Optional.empty(), "Gone"));
    assertThat(order.parts())
        .containsExactly(
            OrderPart.pending(ProducerId.of(ada)), OrderPart.pending(ProducerId.of(bob)));
    assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
    Order legacy = store.orders().findById(OrderId.of(onlyGone)).orElseThrow();
    assertThat(legacy.parts()).isEmpty();
    assertThat(legacy.status()).isEqualTo(OrderStatus.PLACED);
    assertThat(legacy.total()).isEqualTo(Money.of("2.00", TestDatabases.CURRENCY));

    assertThat(
            store
                .orders()
                .listByProducer(ProducerId.of(bob), Optional.empty(), PageRequest.first())
                .items())
        .extracting(Order::id)
        .containsExactly(OrderId.of(mixed));
    Instant now = Instant.parse("2026-12-01T12:00:00Z");
    assertThat(
            store
                .orders()
                .markShipped(OrderId.of(mixed), ProducerId.of(bob), now, Optional.empty()))
        .isTrue();
    assertThat(
            store
                .orders()
                .markShipped(OrderId.of(onlyGone), ProducerId.of(bob), now, Optional.empty()))
        .as("a line of an unknown producer is no producer's to ship")
        .isFalse();
    assertThat(store.orders().findById(OrderId.of(mixed)).orElseThrow().status())
        .isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
  }

  private static long aProducer(Jdbi jdbi, String username) {
    return insert(
        jdbi,
        "INSERT INTO producer (username, username_canonical, password_hash) VALUES ('"
            + username
            + "', '"
            + username
            + "', 'x')");
  }

  private static long aProduct(Jdbi jdbi, long producer, String title) {
    return insert(
        jdbi,
        "INSERT INTO product (producer_id, title, price, inventory_count, version) VALUES ("
            + producer
            + ", '"
            + title
            + "', 1.00, 3, 1)");
  }

  private static long insert(Jdbi jdbi, String sql) {
    return jdbi.withHandle(
        h -> h.createUpdate(sql).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  private static long anOldOrder(Jdbi jdbi, long cart, String total, List<OldLine> lines) {
    long order =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO purchase_order (shopping_cart_id, total, created_at)"
                            + " VALUES (:cart, :total, :at)")
                    .bind("cart", cart)
                    .bind("total", new BigDecimal(total))
                    .bind("at", OffsetDateTime.parse("2026-11-30T10:00:00Z"))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
    jdbi.useHandle(
        h -> {
          int lineNo = 0;
          for (OldLine line : lines) {
            h.execute(
                "INSERT INTO purchase_order_line (order_id, line_no, product_id, title, unit_price,"
                    + " quantity) VALUES (?, ?, ?, ?, ?, 1)",
                order,
                ++lineNo,
                line.product(),
                line.title(),
                new BigDecimal(line.price()));
          }
        });
    return order;
  }

  /** Every migration on the classpath, as Flyway finds them. */
  private static int migrationFiles() {
    return Flyway.configure()
        .locations(JdbiStorePersistence.MIGRATIONS_LOCATION)
        .dataSource(TestDatabases.h2("count"))
        .load()
        .info()
        .all()
        .length;
  }

  private static List<String> tables(DataSource dataSource) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        ResultSet rs =
            connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    return tables;
  }
}

package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
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

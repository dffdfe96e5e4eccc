package org.barebones.store.app;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.barebones.store.persistence.TestDatabases;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Test support: the store server started from its default configuration (no file), on random ports,
 * with a cheap password hash and a fixed secret, on the database given.
 */
final class TestApps {

  static final String SECRET = "test-secret-of-at-least-thirty-two-bytes!";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private TestApps() {}

  /** Where a test server keeps its data: a JDBC URL with its credentials. */
  record Database(String driver, String url, String user, String password) {}

  static Database h2InMemory(String name) {
    return new Database(
        "org.h2.Driver",
        "jdbc:h2:mem:"
            + name
            + "_"
            + COUNTER.incrementAndGet()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "sa",
        "");
  }

  /** A new empty database on the persistence module's test PostgreSQL. */
  static Database postgres(String name) {
    Object dataSource = TestDatabases.postgres(name);
    // The server builds its own pool from a URL: take the connection settings from under the
    // test pool that TestDatabases puts in front of the database.
    if (dataSource instanceof org.apache.tomcat.jdbc.pool.DataSource pool) {
      dataSource = pool.getPoolProperties().getDataSource();
    }
    if (!(dataSource instanceof PGSimpleDataSource pg)) {
      throw new IllegalStateException(
          "TestDatabases.postgres no longer hands out a PGSimpleDataSource: " + dataSource);
    }
    return new Database("org.postgresql.Driver", pg.getUrl(), pg.getUser(), pg.getPassword());
  }

  /**
   * The test settings, with the cart creation limit off: the suites open many carts from 127.0.0.1.
   * A test of the limit uses {@link #overridesWithTheCartLimitOf} (Dropwizard keeps overrides in a
   * set, so a key given twice would race).
   */
  static List<ConfigOverride> overrides(Database database, ConfigOverride... more) {
    List<ConfigOverride> overrides = overridesWithTheCartLimitOf(database, more);
    overrides.add(ConfigOverride.config("cartCreationLimit.maxPerAddress", "0"));
    return overrides;
  }

  /** The test settings, with the cart creation limit left to the server or to {@code more}. */
  static List<ConfigOverride> overridesWithTheCartLimitOf(
      Database database, ConfigOverride... more) {
    List<ConfigOverride> overrides =
        new ArrayList<>(
            List.of(
                ConfigOverride.randomPorts(),
                ConfigOverride.config("database.driverClass", database.driver()),
                ConfigOverride.config("database.url", database.url()),
                ConfigOverride.config("database.user", database.user()),
                ConfigOverride.config(
                    "database.password", database.password() == null ? "" : database.password()),
                ConfigOverride.config("passwordHashIterations", "1000"),
                ConfigOverride.config("jwt.secret", SECRET),
                ConfigOverride.config("logging.level", "WARN")));
    overrides.addAll(Arrays.asList(more));
    return overrides;
  }

  static DropwizardAppExtension<StoreConfiguration> app(Database database, ConfigOverride... more) {
    return new DropwizardAppExtension<>(
        StoreApplication.class,
        (String) null,
        overrides(database, more).toArray(ConfigOverride[]::new));
  }
}

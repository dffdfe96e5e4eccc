package org.barebones.store.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.barebones.store.domain.port.StorePersistence;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Test support: hands out empty databases, one per caller, on H2 in memory and on PostgreSQL (the
 * server named by {@code STORE_TEST_POSTGRES_URL}, else an embedded one started once per JVM).
 */
public final class TestDatabases {

  public static final Currency CURRENCY = Currency.getInstance("USD");

  /** Enough for the concurrency suites' 64 threads, and a few more. */
  static final int MAX_CONNECTIONS_PER_DATABASE = 72;

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final List<String> CREATED_ON_EXTERNAL_SERVER = new ArrayList<>();
  private static PostgresServer postgres;

  private TestDatabases() {}

  /** The databases the adapters support, for tests that run on each. */
  public enum Kind {
    H2,
    POSTGRESQL;

    /** A new, empty, unmigrated database of this kind. */
    public DataSource fresh(String name) {
      return this == H2 ? h2(name) : postgres(name);
    }

    /** A new database of this kind, migrated, and the JDBI adapters over it. */
    public Migrated migrated(String name) {
      DataSource dataSource = fresh(name);
      return new Migrated(
          this, dataSource, JdbiStorePersistence.migrateAndOpen(dataSource, CURRENCY));
    }
  }

  /** A migrated test database and the JDBI adapters over it. */
  public record Migrated(Kind kind, DataSource dataSource, StorePersistence store) {}

  private static final Map<String, Migrated> SHARED = new HashMap<>();

  /**
   * One migrated database of {@code kind} for the whole of {@code testClass}, made on first use:
   * for suites whose tests each make data of their own and so can share a database.
   */
  public static synchronized Migrated shared(Class<?> testClass, Kind kind) {
    return SHARED.computeIfAbsent(
        testClass.getName() + "/" + kind, key -> kind.migrated(testClass.getSimpleName()));
  }

  /**
   * A test database's connection details, for whatever must build its own connections (a server
   * under test, a child process) rather than take a {@link DataSource}.
   */
  public record Database(String driver, String url, String user, String password) {

    public Database {
      password = password == null ? "" : password;
    }

    /** A new, unpooled data source of this database. */
    public DataSource dataSource() {
      if (url.startsWith("jdbc:h2:")) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser(user);
        h2.setPassword(password);
        return h2;
      }
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(url);
      pg.setUser(user);
      pg.setPassword(password);
      return pg;
    }
  }

  /** As {@link #h2(String)}, by its connection details. */
  public static Database h2Database(String name) {
    return details(h2(name));
  }

  /** As {@link #postgres(String)}, by its connection details (no pool). */
  public static Database postgresDatabase(String name) {
    return details(postgresServer().createDatabase(uniqueName(name)));
  }

  private static Database details(DataSource dataSource) {
    if (dataSource instanceof JdbcDataSource h2) {
      return new Database("org.h2.Driver", h2.getURL(), h2.getUser(), h2.getPassword());
    }
    if (dataSource instanceof PGSimpleDataSource pg) {
      return new Database("org.postgresql.Driver", pg.getUrl(), pg.getUser(), pg.getPassword());
    }
    throw new IllegalStateException("unknown data source: " + dataSource);
  }

  /** A new, empty in-memory H2 database in PostgreSQL mode, kept until the JVM exits. */
  public static DataSource h2(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(
        "jdbc:h2:mem:"
            + uniqueName(name)
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    return dataSource;
  }

  /** A new, empty PostgreSQL database of its own, behind a connection pool. */
  public static DataSource postgres(String name) {
    return pooled(postgresServer().createDatabase(uniqueName(name)));
  }

  /**
   * The pool Dropwizard puts in front of its data sources. Connections beyond a few idle ones are
   * closed when returned, so that the suites' many databases stay within the server's limit.
   */
  private static DataSource pooled(DataSource unpooled) {
    org.apache.tomcat.jdbc.pool.DataSource pool = new org.apache.tomcat.jdbc.pool.DataSource();
    pool.setDataSource(unpooled);
    pool.setInitialSize(0);
    pool.setMinIdle(0);
    pool.setMaxIdle(4);
    pool.setMaxActive(MAX_CONNECTIONS_PER_DATABASE);
    pool.setMaxWait(30_000);
    return pool;
  }

  public static StorePersistence h2Persistence(Class<?> testClass) {
    return JdbiStorePersistence.migrateAndOpen(h2(testClass.getSimpleName()), CURRENCY);
  }

  public static StorePersistence postgresPersistence(Class<?> testClass) {
    return JdbiStorePersistence.migrateAndOpen(postgres(testClass.getSimpleName()), CURRENCY);
  }

  private static String uniqueName(String name) {
    return (name.replaceAll("[^A-Za-z0-9]", "_") + "_" + COUNTER.incrementAndGet())
        .toLowerCase(Locale.ROOT);
  }

  private static synchronized PostgresServer postgresServer() {
    if (postgres == null) {
      String url = System.getenv("STORE_TEST_POSTGRES_URL");
      postgres = url == null || url.isBlank() ? startEmbedded() : external(url);
    }
    return postgres;
  }

  private static PostgresServer startEmbedded() {
    try {
      // Registers its own shutdown hook, which stops the server and deletes its files.
      EmbeddedPostgres embedded =
          EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
      return new PostgresServer(
          embedded.getPostgresDatabase(), name -> embedded.getDatabase("postgres", name), false);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL", e);
    }
  }

  private static PostgresServer external(String url) {
    PGSimpleDataSource admin = new PGSimpleDataSource();
    admin.setURL(url);
    admin.setUser(System.getenv().getOrDefault("STORE_TEST_POSTGRES_USER", "postgres"));
    admin.setPassword(System.getenv().getOrDefault("STORE_TEST_POSTGRES_PASSWORD", ""));
    PostgresServer server =
        new PostgresServer(
            admin,
            name -> {
              PGSimpleDataSource database = new PGSimpleDataSource();
              database.setURL(url);
              database.setDatabaseName(name);
              database.setUser(admin.getUser());
              database.setPassword(admin.getPassword());
              return database;
            },
            true);
    // Databases on a server that outlives the tests are dropped when the JVM exits.
    Runtime.getRuntime().addShutdownHook(new Thread(server::dropCreated));
    return server;
  }

  private record PostgresServer(
      DataSource admin, java.util.function.Function<String, DataSource> database, boolean dropAll) {

    DataSource createDatabase(String name) {
      execute("CREATE DATABASE " + name);
      if (dropAll) {
        synchronized (CREATED_ON_EXTERNAL_SERVER) {
          CREATED_ON_EXTERNAL_SERVER.add(name);
        }
      }
      return database.apply(name);
    }

    void dropCreated() {
      synchronized (CREATED_ON_EXTERNAL_SERVER) {
        for (String name : CREATED_ON_EXTERNAL_SERVER) {
          try {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
          } catch (RuntimeException e) {
            System.err.println("could not drop test database " + name + ": " + e);
          }
        }
      }
    }

    private void execute(String sql) {
      try (Connection connection = admin.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(sql, e);
      }
    }
  }
}

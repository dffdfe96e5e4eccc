package org.barebones.store.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.barebones.store.domain.port.StorePersistence;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * Entry point: migrates a database to the store's schema and hands back every JDBI adapter of the
 * domain's driven ports, on PostgreSQL or on H2 in PostgreSQL mode.
 *
 * <p>An embedding service calls {@link #migrateAndOpen(DataSource, Currency)}; a server that builds
 * its own {@link Jdbi} (Dropwizard's {@code JdbiFactory}) calls {@link #migrate} from its migration
 * command or on start, and {@link #open(Jdbi, Currency)}.
 */
public final class JdbiStorePersistence {

  /**
   * Where the migrations live on the classpath: a location of the store's own, so that neither the
   * store nor an embedder's Flyway picks up the other's scripts from {@code db/migration}.
   */
  public static final String MIGRATIONS_LOCATION =
      "classpath:org/barebones/store/persistence/migration";

  /** The store's own history table, so that it can share a schema with an embedder's Flyway. */
  public static final String SCHEMA_HISTORY_TABLE = "store_schema_history";

  /**
   * The PostgreSQL advisory lock key every node takes around the store's migration ({@code "Store
   * migration"} in ASCII, folded into 64 bits).
   */
  static final long MIGRATION_LOCK = 0x53746f72654d6967L;

  private static final Object IN_PROCESS_LOCK = new Object();

  /** The store's identity columns, table by table. */
  private static final Map<String, String> IDENTITIES =
      Map.of(
          "producer", "id",
          "product", "id",
          "shopping_cart", "id",
          "shopping_cart_entry", "id",
          "purchase_order", "id",
          "store_event", "seq",
          "event_delivery", "id",
          "idempotency_record", "id");

  private JdbiStorePersistence() {}

  /**
   * Brings the database's schema up to date with this version of the store; on H2, also moves id
   * sequences that an unclean stop left behind their rows past them.
   *
   * @return how many migrations were applied (0 when it was already up to date)
   */
  public static int migrate(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    try (Connection lock = dataSource.getConnection()) {
      if (isPostgresql(lock)) {
        // Flyway locks its history table only once it exists: two nodes starting on an empty
        // database could both see it missing, or one see it created and still empty and try to
        // baseline it. An advisory lock on a connection of its own makes the whole check-and-
        // migrate one node's at a time, across processes; it ends with the session if this one
        // dies.
        execute(lock, "SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
        try {
          return flywayMigrate(dataSource);
        } finally {
          execute(lock, "SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not lock the database for its migration", e);
    }
    // H2 runs inside one process (an embedded file or memory database): a lock of this JVM is it.
    synchronized (IN_PROCESS_LOCK) {
      int applied = flywayMigrate(dataSource);
      catchUpIdentities(dataSource);
      return applied;
    }
  }

  /**
   * Moves every identity sequence of the store that is not past its table's highest id to just past
   * it. H2 keeps a sequence's position apart from the rows it numbered: a process killed mid-write
   * can reopen a file database with a committed row whose id the sequence hands out again, and
   * every insert into that table fails until the sequence has passed the old rows. A server runs it
   * before it serves anything; a sequence already ahead is left alone.
   */
  private static void catchUpIdentities(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (Map.Entry<String, String> identity : IDENTITIES.entrySet()) {
        String table = identity.getKey();
        String column = identity.getValue();
        long next;
        try (ResultSet row =
            statement.executeQuery(
                "SELECT identity_base FROM information_schema.columns WHERE table_schema ="
                    + " CURRENT_SCHEMA AND table_name = '"
                    + table
                    + "' AND column_name = '"
                    + column
                    + "'")) {
          if (!row.next()) {
            continue;
          }
          next = row.getLong(1);
        }
        long highest;
        try (ResultSet row =
            statement.executeQuery("SELECT COALESCE(MAX(" + column + "), 0) FROM " + table)) {
          row.next();
          highest = row.getLong(1);
        }
        if (highest >= next) {
          statement.execute(
              "ALTER TABLE "
                  + table
                  + " ALTER COLUMN "
                  + column
                  + " RESTART WITH "
                  + (highest + 1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not check the store's id sequences", e);
    }
  }

  private static boolean isPostgresql(Connection connection) throws SQLException {
    return connection
        .getMetaData()
        .getDatabaseProductName()
        .toLowerCase(Locale.ROOT)
        .contains("postgresql");
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static int flywayMigrate(DataSource dataSource) {
    return Flyway.configure(JdbiStorePersistence.class.getClassLoader())
        .dataSource(dataSource)
        .locations(MIGRATIONS_LOCATION)
        .table(SCHEMA_HISTORY_TABLE)
        // An embedder's schema may already hold its own tables: start the store's history from
        // scratch there (version 0, so that V1 still runs) instead of refusing.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .failOnMissingLocations(true)
        .load()
        .migrate()
        .migrationsExecuted;
  }

  /** Migrates the database behind {@code dataSource}, then opens the store's adapters on it. */
  public static StorePersistence migrateAndOpen(DataSource dataSource, Currency currency) {
    migrate(dataSource);
    return open(Jdbi.create(dataSource), currency);
  }

  /**
   * The store's adapters on an already migrated database; every amount is in {@code currency}. The
   * adapters share one {@link JdbiTransactions}, so they all take part in its units of work. The
   * database's SQL dialect is read here, once, from a connection's metadata (or at first use, if
   * the database cannot be reached now).
   */
  public static StorePersistence open(Jdbi jdbi, Currency currency) {
    Objects.requireNonNull(currency, "currency");
    JdbiTransactions transactions = new JdbiTransactions(jdbi);
    Dialect dialect = Dialect.of(jdbi).orElse(null);
    JdbiOrderRepository orders = new JdbiOrderRepository(transactions, currency, dialect);
    return new StorePersistence(
        new JdbiProducerRepository(transactions),
        new JdbiProductRepository(transactions, currency),
        new JdbiCartRepository(transactions, currency, dialect),
        orders,
        new JdbiEventOutbox(transactions, orders, currency),
        transactions,
        new JdbiIdempotencyRecords(transactions, dialect));
  }
}

package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Several nodes starting at once on one database all get past its migration: on an empty database
 * exactly one of them applies every migration and the others find the schema current; on a current
 * database none applies anything. Each "node" migrates over data sources of its own (no shared
 * pool), all released at once by a barrier, many rounds over a fresh database each.
 */
class MigrationRaceIT {

  private static final int NODES = 4;
  private static final int ROUNDS = 12;

  @Test
  void manyNodesMigratingAFreshPostgresqlDatabaseAtOnce_allStart_andMigrateItOnce()
      throws Exception {
    race("PostgreSQL", () -> TestDatabases.postgresDatabase("migration_race"));
  }

  @Test
  void manyNodesMigratingAFreshH2FileDatabaseAtOnce_allStart_andMigrateItOnce() throws Exception {
    Path dir = Files.createTempDirectory("migration-race");
    int[] n = {0};
    race(
        "H2 file",
        () ->
            new TestDatabases.Database(
                "org.h2.Driver",
                "jdbc:h2:"
                    + dir.resolve("store" + (++n[0])).toAbsolutePath()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "sa",
                ""));
  }

  private static void race(String name, Supplier<TestDatabases.Database> freshDatabase)
      throws Exception {
    int migrations = migrationFiles();
    ExecutorService nodes = Executors.newFixedThreadPool(NODES);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        TestDatabases.Database database = freshDatabase.get();
        List<Integer> cold = migrateAtOnce(nodes, database);
        assertThat(cold.stream().mapToInt(Integer::intValue).sum())
            .as("%s round %d: migrations applied over all nodes on an empty database", name, round)
            .isEqualTo(migrations);
        assertThat(cold).as("%s round %d: one node migrated", name, round).contains(migrations);
        assertThat(historyRows(database.dataSource()))
            .as("%s round %d: each migration recorded once", name, round)
            .isEqualTo(migrations);
        List<Integer> warm = migrateAtOnce(nodes, database);
        assertThat(warm).as("%s round %d: a current database", name, round).containsOnly(0);
      }
    } finally {
      nodes.shutdownNow();
    }
    System.out.printf(
        "MigrationRaceIT %s: %d rounds of %d nodes migrating at once, all started%n",
        name, ROUNDS, NODES);
  }

  /** Each node's count of applied migrations; any node's failure fails the test. */
  private static List<Integer> migrateAtOnce(ExecutorService nodes, TestDatabases.Database database)
      throws Exception {
    CyclicBarrier start = new CyclicBarrier(NODES);
    List<Future<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      DataSource own = database.dataSource();
      runs.add(
          nodes.submit(
              () -> {
                start.await(30, TimeUnit.SECONDS);
                return JdbiStorePersistence.migrate(own);
              }));
    }
    List<Integer> applied = new ArrayList<>();
    for (Future<Integer> run : runs) {
      applied.add(run.get(120, TimeUnit.SECONDS));
    }
    return applied;
  }

  private static long historyRows(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT COUNT(*) FROM "
                    + JdbiStorePersistence.SCHEMA_HISTORY_TABLE
                    + " WHERE success AND version IS NOT NULL AND type IN ('SQL', 'JDBC')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int migrationFiles() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:migration_race_count;DB_CLOSE_DELAY=-1");
    return Flyway.configure()
        .locations(JdbiStorePersistence.MIGRATIONS_LOCATION)
        .dataSource(h2)
        .load()
        .info()
        .all()
        .length;
  }
}

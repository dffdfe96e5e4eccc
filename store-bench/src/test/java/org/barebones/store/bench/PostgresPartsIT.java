package org.barebones.store.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.barebones.store.persistence.JdbiStorePersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The bench's pieces that need a PostgreSQL, on one embedded PostgreSQL: the in-process checkout
 * ceiling, and pgbench's reference (where pgbench is installed).
 */
class PostgresPartsIT {

  private static Path dir;
  private static Postgres postgres;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("bench-pg");
    postgres = Postgres.embedded(dir.resolve("pg"));
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void theInProcessCeilingChecksEachCartOutOnce_andTakesExactlyTheCartsFromStock()
      throws Exception {
    postgres.recreateDatabase("bench_it");
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(postgres.jdbcUrl("bench_it"));
    ds.setUser("postgres");
    JdbiStorePersistence.migrate(ds);
    long product;
    try (Connection c = postgres.connect("bench_it");
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO producer (username, username_canonical, password_hash)"
              + " VALUES ('p', 'p', 'x')");
      try (ResultSet rs =
          s.executeQuery(
              "INSERT INTO product (producer_id, title, price, inventory_count, version)"
                  + " SELECT id, 'Product', 9.99, 1000, 1 FROM producer RETURNING id")) {
        rs.next();
        product = rs.getLong(1);
      }
    }
    Load.Result r;
    try (InProcessCheckout in = new InProcessCheckout(() -> postgres.connect("bench_it"))) {
      List<Long> carts = in.prepareCarts(List.of(product), 30);
      r = in.run(carts, 4, Duration.ZERO, Duration.ofSeconds(60));
    }

    assertThat(r.requests()).isEqualTo(30);
    assertThat(r.errors()).isZero();
    try (Connection c = postgres.connect("bench_it");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT inventory_count FROM product), (SELECT count(*) FROM"
                    + " purchase_order), (SELECT count(*) FROM shopping_cart WHERE status ="
                    + " 'checked_out')")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(970);
      assertThat(rs.getInt(2)).isEqualTo(30);
      assertThat(rs.getInt(3)).isEqualTo(30);
    }
  }

  @Test
  void pgbenchGivesTransactionsPerSecondForTheHotRowAndTheSpreadRows() throws Exception {
    Optional<Path> pgbench = Postgres.findPgbench();
    Assumptions.assumeTrue(pgbench.isPresent(), "no pgbench on this machine");
    Postgres.PgBench r =
        postgres.pgbench(pgbench.get(), dir.resolve("scripts"), 4, Duration.ofSeconds(1));

    assertThat(r.clients()).isEqualTo(4);
    assertThat(r.hot()).isPositive();
    assertThat(r.spread()).isPositive();
  }
}

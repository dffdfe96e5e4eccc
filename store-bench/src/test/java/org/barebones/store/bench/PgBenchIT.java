package org.barebones.store.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pgbench, where installed, measures hot and spread decrements on the embedded PostgreSQL. */
class PgBenchIT {

  @Test
  void pgbenchGivesTransactionsPerSecondForTheHotRowAndTheSpreadRows(@TempDir Path dir)
      throws Exception {
    Optional<Path> pgbench = Postgres.findPgbench();
    Assumptions.assumeTrue(pgbench.isPresent(), "no pgbench on this machine");
    try (Postgres postgres = Postgres.embedded(dir.resolve("pg"), "off")) {
      Postgres.PgBench r =
          postgres.pgbench(pgbench.get(), dir.resolve("scripts"), 4, Duration.ofSeconds(1));

      assertThat(r.clients()).isEqualTo(4);
      assertThat(r.hot()).isPositive();
      assertThat(r.spread()).isPositive();
    }
  }
}

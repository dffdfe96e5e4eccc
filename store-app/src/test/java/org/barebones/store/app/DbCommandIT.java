package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db migrate [config.yml]} brings a database's schema up to date, and again is a no-op. */
class DbCommandIT {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Runs the server's command line in this JVM (the real main would exit the JVM on failure). */
  private Optional<Throwable> run(String... arguments) throws Exception {
    StoreApplication application = new StoreApplication();
    Bootstrap<StoreConfiguration> bootstrap = new Bootstrap<>(application);
    application.initialize(bootstrap);
    Cli cli =
        new Cli(
            new JarLocation(StoreApplication.class),
            bootstrap,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return cli.run(arguments);
  }

  @Test
  void dbMigrate_createsTheSchema_andASecondRunChangesNothing() throws Exception {
    String url = "jdbc:h2:" + dir.resolve("store") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    Path config = dir.resolve("config.yml");
    Files.writeString(
        config,
        """
        database:
          driverClass: org.h2.Driver
          url: "%s"
          user: sa
          password: ""
        logging:
          level: WARN
        """
            .formatted(url));

    assertThat(run("db", "migrate", config.toString())).as(err::toString).isEmpty();
    int applied = historyRows(url);
    assertThat(applied).isPositive();
    assertThat(tableExists(url, "producer")).isTrue();
    assertThat(tableExists(url, "purchase_order")).isTrue();

    assertThat(run("db", "migrate", config.toString())).as(err::toString).isEmpty();
    assertThat(historyRows(url)).isEqualTo(applied);
  }

  @Test
  void db_withoutASubcommand_isRefused() throws Exception {
    assertThat(run("db")).isPresent();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("migrate");
  }

  private static int historyRows(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT count(*) FROM store_schema_history WHERE success")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static boolean tableExists(String url, String table) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        ResultSet rs = c.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
      return rs.next();
    }
  }
}

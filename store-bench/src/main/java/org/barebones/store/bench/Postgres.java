package org.barebones.store.bench;

import static org.barebones.store.bench.Report.f;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PostgreSQL of the PostgreSQL runs: an embedded PostgreSQL (zonky) started inside the
 * benchmark with its files under {@code target/}.
 */
record Postgres(EmbeddedPostgres embedded) implements AutoCloseable {

  static Postgres embedded(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path log = directory.resolve("postgres.log");
    return new Postgres(
        EmbeddedPostgres.builder()
            .setDataDirectory(directory.resolve("data"))
            .setCleanDataDirectory(true)
            // zonky starts PostgreSQL with -F (fsync off) and synchronous_commit off; commits here
            // reach the disk, as in production (the -c settings come after -F, so these win).
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .setServerConfig("listen_addresses", ServerProcess.HOST)
            // The flash sale: 256 HTTP clients over two servers' pools, and pgbench's 256.
            .setServerConfig("max_connections", "600")
            .setPGStartupWait(Duration.ofSeconds(60))
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start());
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://" + ServerProcess.HOST + ":" + embedded.getPort() + "/" + database;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), "postgres", "postgres");
  }

  void recreateDatabase(String name) throws SQLException {
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    }
  }

  /** The settings that matter for the report. */
  String describe() throws SQLException {
    StringBuilder d = new StringBuilder("embedded (zonky), files under the work directory");
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      String reported =
          "server_version synchronous_commit fsync shared_buffers max_connections"
              + " default_transaction_isolation";
      for (String name : reported.split(" ")) {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
          rs.next();
          d.append("; `").append(name).append("` = ").append(rs.getString(1));
        }
      }
    }
    return d.toString();
  }

  /** The {@code database:} section of a server configuration. */
  String serverConfig(String database) {
    return """
        database:
          driverClass: org.postgresql.Driver
          url: "%s"
          user: postgres
          password: postgres
          maxWaitForConnection: 2s
        """
        .formatted(jdbcUrl(database));
  }

  /** pgbench's transactions per second: every client on one row (hot), or on 1,000 rows. */
  record PgBench(int clients, double hot, double spread) {}

  /** pgbench where installed: $BENCH_PGBENCH, PostgreSQL's own directories, or the PATH. */
  static Optional<Path> findPgbench() {
    List<Path> candidates = new ArrayList<>();
    String given = System.getenv("BENCH_PGBENCH");
    if (given != null && !given.isBlank()) {
      candidates.add(Path.of(given));
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      versions
          .sorted(Comparator.reverseOrder())
          .forEach(v -> candidates.add(v.resolve("bin/pgbench")));
    } catch (IOException | RuntimeException notDebian) {
      // no PostgreSQL installed the Debian way
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      candidates.add(Path.of(dir, "pgbench"));
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  /** pgbench's hot against spread single-row decrement ({@code UPDATE ... SET n = n - 1}). */
  PgBench pgbench(Path pgbench, Path dir, int clients, Duration duration)
      throws IOException, SQLException, InterruptedException {
    recreateDatabase("bench_pgbench");
    try (Connection c = connect("bench_pgbench");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE stock (id integer PRIMARY KEY, n bigint NOT NULL)");
      s.execute("INSERT INTO stock SELECT x, 1000000000 FROM generate_series(1, 1000) AS x");
      s.execute("VACUUM ANALYZE stock");
    }
    Files.createDirectories(dir);
    Path hot =
        Files.writeString(dir.resolve("hot.sql"), "UPDATE stock SET n = n - 1 WHERE id = 1;\n");
    Path spread =
        Files.writeString(
            dir.resolve("spread.sql"),
            "\\set id random(1, 1000)\nUPDATE stock SET n = n - 1 WHERE id = :id;\n");
    return new PgBench(
        clients, tps(pgbench, hot, clients, duration), tps(pgbench, spread, clients, duration));
  }

  private double tps(Path pgbench, Path script, int clients, Duration duration)
      throws IOException, InterruptedException {
    long seconds = Math.max(1, duration.toSeconds());
    String command = "%s -f %s -n -M prepared -j 2 -c %d -T %d bench_pgbench";
    ProcessBuilder b = new ProcessBuilder(f(command, pgbench, script, clients, seconds).split(" "));
    // libpq's own variables say where the server is.
    Map<String, String> env = b.environment();
    env.put("PGHOST", ServerProcess.HOST);
    env.put("PGPORT", Integer.toString(embedded.getPort()));
    env.put("PGUSER", "postgres");
    env.put("PGPASSWORD", "postgres");
    String out = ServerProcess.output(b);
    Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(out);
    if (!m.find()) {
      throw new IOException("pgbench printed no tps:\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  @Override
  public void close() throws IOException {
    embedded.close();
  }
}

package org.barebones.store.bench;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The PostgreSQL the PostgreSQL runs use: an embedded PostgreSQL 15 (zonky) started inside the
 * benchmark with its files under {@code target/}, or a server given by URL.
 */
final class Postgres implements AutoCloseable {

  /** The settings the report shows. */
  static final List<String> REPORTED_SETTINGS =
      List.of(
          "server_version",
          "synchronous_commit",
          "fsync",
          "shared_buffers",
          "max_connections",
          "default_transaction_isolation");

  private final EmbeddedPostgres embedded;
  private final String host;
  private final int port;
  private final String user;
  private final String password;

  private Postgres(EmbeddedPostgres embedded, String host, int port, String user, String password) {
    this.embedded = embedded;
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
  }

  /**
   * Starts an embedded PostgreSQL with its data under {@code directory}. {@code synchronousCommit}
   * overrides zonky's {@code off} ({@code on} is PostgreSQL's own default).
   */
  static Postgres embedded(Path directory, String synchronousCommit) throws IOException {
    Files.createDirectories(directory);
    Path log = directory.resolve("postgres.log");
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setDataDirectory(directory.resolve("data"))
            .setCleanDataDirectory(true)
            .setServerConfig("synchronous_commit", synchronousCommit)
            // zonky starts PostgreSQL with -F (fsync off); commits here reach the disk, as in
            // production (the -c settings come after -F on its command line, so this one wins).
            .setServerConfig("fsync", "on")
            .setServerConfig("listen_addresses", ServerProcess.HOST)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new Postgres(pg, ServerProcess.HOST, pg.getPort(), "postgres", "postgres");
  }

  /** A PostgreSQL server at {@code host:port} that lets {@code user} create databases. */
  static Postgres external(String host, int port, String user, String password) {
    return new Postgres(null, host, port, user, password);
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  boolean isEmbedded() {
    return embedded != null;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), user, password);
  }

  /** Drops {@code name} if it exists and creates it anew. */
  void recreateDatabase(String name) throws SQLException {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("database name " + name);
    }
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    }
  }

  /** The server's settings that matter for the report. */
  Map<String, String> settings() throws SQLException {
    Map<String, String> settings = new LinkedHashMap<>();
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      for (String name : REPORTED_SETTINGS) {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
          rs.next();
          settings.put(name, rs.getString(1));
        }
      }
    }
    return settings;
  }

  /** The {@code database:} section of a server configuration for {@code database}. */
  String serverConfig(String database) {
    return "database:\n"
        + "  driverClass: org.postgresql.Driver\n"
        + "  url: \""
        + jdbcUrl(database)
        + "\"\n"
        + "  user: \""
        + user
        + "\"\n"
        + "  password: \""
        + Objects.requireNonNullElse(password, "")
        + "\"\n"
        + "  maxWaitForConnection: 2s\n";
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}

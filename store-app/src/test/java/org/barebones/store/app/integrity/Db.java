package org.barebones.store.app.integrity;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.barebones.store.app.StoreConfiguration;
import org.barebones.store.persistence.TestDatabases;
import org.postgresql.ds.PGSimpleDataSource;

/** Test support: where a store under test keeps its data, and a way in for the accounting. */
record Db(String driver, String url, String user, String password) {

  /** A new empty database on the persistence module's test PostgreSQL. */
  static Db postgres(String name) {
    DataSource dataSource = TestDatabases.postgres(name);
    if (dataSource instanceof org.apache.tomcat.jdbc.pool.DataSource pool
        && pool.getDataSource() instanceof DataSource unpooled) {
      dataSource = unpooled;
    }
    if (!(dataSource instanceof PGSimpleDataSource pg)) {
      throw new IllegalStateException("not a PostgreSQL data source: " + dataSource);
    }
    return new Db("org.postgresql.Driver", pg.getUrl(), pg.getUser(), pg.getPassword());
  }

  /** PostgreSQL's own database on a server at 127.0.0.1:{@code port}. */
  static Db postgresAt(int port) {
    return new Db(
        "org.postgresql.Driver",
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
        "postgres",
        "");
  }

  /**
   * An H2 file database in {@code directory}, opened exactly as the server's embedded default opens
   * {@code ./data/store} (the same URL options).
   */
  static Db h2File(Path directory) {
    String defaultUrl = StoreConfiguration.DEFAULT_DATABASE_URL;
    String relative = "jdbc:h2:./data/store";
    if (!defaultUrl.startsWith(relative)) {
      throw new IllegalStateException("the default database moved: " + defaultUrl);
    }
    return new Db(
        "org.h2.Driver",
        "jdbc:h2:"
            + directory.toAbsolutePath().resolve("store")
            + defaultUrl.substring(relative.length()),
        "sa",
        "");
  }

  /** A new in-memory H2 database, kept while this JVM runs. */
  static Db h2InMemory(String name) {
    return new Db(
        "org.h2.Driver",
        "jdbc:h2:mem:"
            + name.toLowerCase(Locale.ROOT)
            + "_"
            + System.nanoTime()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "sa",
        "");
  }

  boolean isH2() {
    return url.startsWith("jdbc:h2:");
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password == null ? "" : password);
  }
}

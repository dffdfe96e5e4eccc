package org.barebones.store.app.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.barebones.store.app.StoreConfiguration;
import org.barebones.store.persistence.TestDatabases;

/**
 * Test support: where a store under test keeps its data (driver, URL and credentials), and a way in
 * for the accounting.
 */
public record Db(String driver, String url, String user, String password) {

  /** A new empty database on the persistence module's test PostgreSQL. */
  public static Db postgres(String name) {
    return of(TestDatabases.postgresDatabase(name));
  }

  /** The persistence module's description of a test database, as the app's tests use it. */
  public static Db of(TestDatabases.Database database) {
    return new Db(database.driver(), database.url(), database.user(), database.password());
  }

  /** A new, unpooled data source of this database. */
  public DataSource dataSource() {
    return new TestDatabases.Database(driver, url, user, password).dataSource();
  }

  /** PostgreSQL's own database on a server at 127.0.0.1:{@code port}. */
  public static Db postgresAt(int port) {
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
  public static Db h2File(Path directory) {
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

  /**
   * A new database that outlives the server processes using it, of {@code kind}: an H2 file in
   * {@code directory}, as the server's embedded default keeps it, or a new PostgreSQL database.
   */
  public static Db durable(TestDatabases.Kind kind, Path directory, String name) {
    return kind == TestDatabases.Kind.H2 ? h2File(directory) : postgres(name);
  }

  /** A new in-memory H2 database, kept while this JVM runs. */
  public static Db h2InMemory(String name) {
    return of(TestDatabases.h2Database(name));
  }

  public boolean isH2() {
    return url.startsWith("jdbc:h2:");
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password == null ? "" : password);
  }
}

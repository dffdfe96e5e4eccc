package org.barebones.store.app.testing;

import io.dropwizard.core.Application;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.Map;
import org.barebones.store.app.StoreApplication;
import org.barebones.store.app.StoreConfiguration;

/**
 * Test support: one store server running in this JVM from its default configuration (no file), on
 * random ports at 127.0.0.1, over the given database, with a cheap password hash and a fixed
 * secret.
 */
public final class Node implements AutoCloseable {

  public static final String SECRET = "integrity-test-secret-of-at-least-32-bytes";

  private final DropwizardTestSupport<StoreConfiguration> support;

  private Node(DropwizardTestSupport<StoreConfiguration> support) {
    this.support = support;
  }

  public static Node start(Db db) {
    return start(StoreApplication.class, db, Map.of());
  }

  public static Node start(Db db, Map<String, String> settings) {
    return start(StoreApplication.class, db, settings);
  }

  public static Node start(Class<? extends Application<StoreConfiguration>> application, Db db) {
    return start(application, db, Map.of());
  }

  /** Starts a node with {@link Overrides#defaults} for {@code db}, then {@code settings}. */
  public static Node start(
      Class<? extends Application<StoreConfiguration>> application,
      Db db,
      Map<String, String> settings) {
    return start(application, null, Overrides.defaults(db).setAll(settings));
  }

  /** Starts a node of the store with exactly {@code overrides} (random ports added). */
  public static Node start(Overrides overrides) {
    return start(StoreApplication.class, null, overrides);
  }

  /**
   * Starts a node.
   *
   * @param configFile a YAML file, or null for the defaults without a file
   * @param overrides all the keys set, usually {@link Overrides#defaults} and more
   */
  public static Node start(
      Class<? extends Application<StoreConfiguration>> application,
      String configFile,
      Overrides overrides) {
    DropwizardTestSupport<StoreConfiguration> support =
        new DropwizardTestSupport<>(application, configFile, overrides.toConfigOverrides());
    try {
      support.before();
    } catch (Exception e) {
      support.after();
      throw new IllegalStateException("the store did not start with " + overrides, e);
    }
    return new Node(support);
  }

  /** As {@link #extension(Overrides)}, with the tests' defaults over {@code db}. */
  public static DropwizardAppExtension<StoreConfiguration> extension(Db db) {
    return extension(Overrides.defaults(db));
  }

  /** The same server as a JUnit 5 extension, for a test class's {@code static} field. */
  public static DropwizardAppExtension<StoreConfiguration> extension(Overrides overrides) {
    return new DropwizardAppExtension<>(
        StoreApplication.class, (String) null, overrides.toConfigOverrides());
  }

  public StoreConfiguration configuration() {
    return support.getConfiguration();
  }

  public int port() {
    return support.getLocalPort();
  }

  public int adminPort() {
    return support.getAdminPort();
  }

  public StoreClient client() {
    return new StoreClient(port());
  }

  public StoreClient client(Duration timeout) {
    return new StoreClient(port(), timeout);
  }

  public Shop shop() {
    return new Shop(client());
  }

  public StoreClient admin() {
    return new StoreClient(adminPort(), Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    support.after();
  }
}

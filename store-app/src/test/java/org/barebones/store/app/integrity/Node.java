package org.barebones.store.app.integrity;

import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barebones.store.app.StoreApplication;
import org.barebones.store.app.StoreConfiguration;

/**
 * Test support: one store server running in this JVM from its default configuration (no file), on
 * random ports at 127.0.0.1, over the given database, with a cheap password hash and a fixed
 * secret.
 */
final class Node implements AutoCloseable {

  static final String SECRET = "integrity-test-secret-of-at-least-32-bytes";

  private final DropwizardTestSupport<StoreConfiguration> support;

  private Node(DropwizardTestSupport<StoreConfiguration> support) {
    this.support = support;
  }

  static Node start(Db db) {
    return start(StoreApplication.class, db, Map.of());
  }

  static Node start(Db db, Map<String, String> settings) {
    return start(StoreApplication.class, db, settings);
  }

  static Node start(Class<? extends Application<StoreConfiguration>> application, Db db) {
    return start(application, db, Map.of());
  }

  /**
   * Starts a node; {@code settings} (configuration keys as in {@code -Ddw.KEY=VALUE}) replace the
   * defaults of this class. Each key is given once: Dropwizard keeps its overrides in a set, whose
   * order is random, so two values for one key would race.
   */
  static Node start(
      Class<? extends Application<StoreConfiguration>> application,
      Db db,
      Map<String, String> settings) {
    Map<String, String> merged = new LinkedHashMap<>();
    merged.put("server.applicationConnectors[0].bindHost", "127.0.0.1");
    merged.put("server.adminConnectors[0].bindHost", "127.0.0.1");
    merged.put("database.driverClass", db.driver());
    merged.put("database.url", db.url());
    merged.put("database.user", db.user());
    merged.put("database.password", db.password() == null ? "" : db.password());
    merged.put("passwordHashIterations", "1000");
    merged.put("jwt.secret", SECRET);
    merged.put("logging.level", "WARN");
    // The proofs open many carts from 127.0.0.1; a test of the limit sets its own.
    merged.put("cartCreationLimit.maxPerAddress", "0");
    merged.putAll(settings);
    List<ConfigOverride> overrides = new ArrayList<>(List.of(ConfigOverride.randomPorts()));
    merged.forEach((key, value) -> overrides.add(ConfigOverride.config(key, value)));
    DropwizardTestSupport<StoreConfiguration> support =
        new DropwizardTestSupport<>(
            application, (String) null, overrides.toArray(ConfigOverride[]::new));
    try {
      support.before();
    } catch (Exception e) {
      support.after();
      throw new IllegalStateException("the store did not start", e);
    }
    return new Node(support);
  }

  StoreConfiguration configuration() {
    return support.getConfiguration();
  }

  int port() {
    return support.getLocalPort();
  }

  int adminPort() {
    return support.getAdminPort();
  }

  Client client() {
    return new Client(port());
  }

  Client client(Duration timeout) {
    return new Client(port(), timeout);
  }

  Shop shop() {
    return new Shop(client());
  }

  Client admin() {
    return new Client(adminPort(), Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    support.after();
  }
}

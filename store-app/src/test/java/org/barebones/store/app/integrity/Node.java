package org.barebones.store.app.integrity;

import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

  static Node start(Db db, ConfigOverride... more) {
    return start(StoreApplication.class, db, more);
  }

  static Node start(
      Class<? extends Application<StoreConfiguration>> application, Db db, ConfigOverride... more) {
    List<ConfigOverride> overrides =
        new ArrayList<>(
            List.of(
                ConfigOverride.randomPorts(),
                ConfigOverride.config("server.applicationConnectors[0].bindHost", "127.0.0.1"),
                ConfigOverride.config("server.adminConnectors[0].bindHost", "127.0.0.1"),
                ConfigOverride.config("database.driverClass", db.driver()),
                ConfigOverride.config("database.url", db.url()),
                ConfigOverride.config("database.user", db.user()),
                ConfigOverride.config(
                    "database.password", db.password() == null ? "" : db.password()),
                ConfigOverride.config("passwordHashIterations", "1000"),
                ConfigOverride.config("jwt.secret", SECRET),
                ConfigOverride.config("logging.level", "WARN")));
    overrides.addAll(Arrays.asList(more));
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

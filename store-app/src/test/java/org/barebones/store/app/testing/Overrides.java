package org.barebones.store.app.testing;

import io.dropwizard.testing.ConfigOverride;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test support: the configuration keys a test server is started with (as in {@code
 * -Ddw.KEY=VALUE}), in order and each key once: setting a key again replaces its value where it
 * stands, so no two values of one key ever race (Dropwizard keeps its own overrides in a set).
 */
public final class Overrides {

  private final Map<String, String> values = new LinkedHashMap<>();

  private Overrides() {}

  /** Nothing set. */
  public static Overrides none() {
    return new Overrides();
  }

  /**
   * What every test server gets: 127.0.0.1 only, the database given, a cheap password hash, a fixed
   * secret, quiet logs, no cart creation or sign-up limit. Ports are chosen by the server kind
   * (random or free).
   */
  public static Overrides defaults(Db db) {
    return none()
        .set("server.applicationConnectors[0].bindHost", "127.0.0.1")
        .set("server.adminConnectors[0].bindHost", "127.0.0.1")
        .database(db)
        .set("passwordHashIterations", "1000")
        .set("jwt.secret", Node.SECRET)
        .set("logging.level", "WARN")
        // The suites open many carts from 127.0.0.1; a test of the limit removes or sets this.
        .set("cartCreationLimit.maxPerAddress", "0")
        // Likewise producers are signed up from 127.0.0.1 by the dozen.
        .set("signUpLimit.maxPerAddress", "0")
        // A test ends its server at once. With Jetty's graceful stop an in-process server's stop
        // timed out now and then (a request still counted as in flight, not yet explained), which
        // DropwizardAppExtension reports as a failure of the whole class.
        .set("server.shutdownGracePeriod", "0s");
  }

  /** Sets (or replaces) one key. */
  public Overrides set(String key, String value) {
    values.put(key, value == null ? "" : value);
    return this;
  }

  /** Sets (or replaces) every key of {@code more}, in its order. */
  public Overrides setAll(Map<String, String> more) {
    more.forEach(this::set);
    return this;
  }

  /** Sets (or replaces) every key of {@code more}, in its order. */
  public Overrides setAll(Overrides more) {
    return setAll(more.values);
  }

  /** Removes a key, so that the server's default applies. */
  public Overrides remove(String key) {
    values.remove(key);
    return this;
  }

  /** Points the server at {@code db}. */
  public Overrides database(Db db) {
    return set("database.driverClass", db.driver())
        .set("database.url", db.url())
        .set("database.user", db.user())
        .set("database.password", db.password());
  }

  public Overrides copy() {
    return none().setAll(this);
  }

  /** The keys and values, in order. */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(values);
  }

  /** For an in-process server: random ports, then every key in order. */
  public ConfigOverride[] toConfigOverrides() {
    List<ConfigOverride> overrides = new ArrayList<>();
    overrides.add(ConfigOverride.randomPorts());
    values.forEach((key, value) -> overrides.add(ConfigOverride.config(key, value)));
    return overrides.toArray(ConfigOverride[]::new);
  }

  /** For a child process: one {@code -Ddw.KEY=VALUE} per key, in order. */
  public List<String> toSystemProperties() {
    List<String> properties = new ArrayList<>();
    values.forEach((key, value) -> properties.add("-Ddw." + key + "=" + value));
    return properties;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}

package org.barebones.store.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationFactoryFactory;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.health.DefaultHealthFactory;
import io.dropwizard.health.HealthCheckConfiguration;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.List;

/**
 * The node's health as a load balancer should see it: Dropwizard's health module (the {@code
 * health} section; {@code /health-check} on the API port), which answers 503 only when a critical
 * check fails. By default the database ({@code db}) and the JVM's {@code deadlocks} are critical;
 * {@code webhooks} (the delivery backlog) is monitored but not critical, so that a receiver that is
 * down does not take healthy nodes out of service. The admin port's {@code /healthcheck} still
 * lists every check, webhooks included. A {@code health} section in the file replaces these
 * defaults.
 */
final class StoreHealth {

  private StoreHealth() {}

  /** The health checks of a node and whether each is critical, when the file names none. */
  static DefaultHealthFactory defaults() {
    DefaultHealthFactory health = new DefaultHealthFactory();
    health.setHealthCheckConfigurations(
        List.of(check("db", true), check("deadlocks", true), check(Webhooks.HEALTH_CHECK, false)));
    return health;
  }

  private static HealthCheckConfiguration check(String name, boolean critical) {
    HealthCheckConfiguration check = new HealthCheckConfiguration();
    check.setName(name);
    check.setCritical(critical);
    return check;
  }

  /**
   * Reads the configuration as Dropwizard does, then gives it {@link #defaults()} where it has no
   * {@code health} section (Dropwizard sets health up before the application runs).
   */
  static ConfigurationFactoryFactory<StoreConfiguration> withDefaults() {
    return StoreHealth::factory;
  }

  private static ConfigurationFactory<StoreConfiguration> factory(
      Class<StoreConfiguration> klass,
      Validator validator,
      ObjectMapper objectMapper,
      String propertyPrefix) {
    return new YamlConfigurationFactory<>(klass, validator, objectMapper, propertyPrefix) {
      @Override
      protected StoreConfiguration build(JsonNode node, String path)
          throws IOException, ConfigurationException {
        StoreConfiguration config = super.build(node, path);
        if (config.getHealthFactory().isEmpty()) {
          config.setHealthFactory(defaults());
        }
        return config;
      }
    };
  }
}

package org.barebones.store.app.testing;

import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.barebones.store.app.StoreConfiguration;

/**
 * Test support: the server's configuration built as {@code server} builds it, through Jackson and
 * validation: its defaults, inline YAML, and the sample files at the repository root.
 */
public final class Configurations {

  private static final ConfigurationFactory<StoreConfiguration> FACTORY =
      new YamlConfigurationFactory<>(
          StoreConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

  private Configurations() {}

  /** What {@code server} with no file builds. */
  public static StoreConfiguration defaults() throws Exception {
    return FACTORY.build();
  }

  /** The configuration that {@code yaml} describes. */
  public static StoreConfiguration parse(String yaml) throws Exception {
    ConfigurationSourceProvider text =
        path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
    return FACTORY.build(text, "inline.yml");
  }

  /** A sample file at the repository root (one level above this module), with this environment. */
  public static StoreConfiguration sample(String name) throws Exception {
    return sample(name, new EnvironmentVariableSubstitutor(false));
  }

  /**
   * A sample file at the repository root, its {@code ${VARIABLES}} resolved by {@code variables}
   * (null: not set) instead of this JVM's environment.
   */
  public static StoreConfiguration sample(String name, UnaryOperator<String> variables)
      throws Exception {
    EnvironmentVariableSubstitutor substitutor = new EnvironmentVariableSubstitutor(false);
    substitutor.setVariableResolver(variables::apply);
    return sample(name, substitutor);
  }

  private static StoreConfiguration sample(String name, EnvironmentVariableSubstitutor substitutor)
      throws Exception {
    return FACTORY.build(
        new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor),
        Path.of("..", name).toString());
  }
}

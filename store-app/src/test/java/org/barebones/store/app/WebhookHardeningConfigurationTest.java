package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.health.DefaultHealthFactory;
import io.dropwizard.health.HealthCheckConfiguration;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.util.Duration;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The configuration's part in issue 20: a webhook URL too long for its column stops the start with
 * a message naming the key and the limit (6); the retention and housekeeping defaults (5); the
 * node's health by default treats {@code webhooks} as not critical, {@code db} as critical (6).
 */
class WebhookHardeningConfigurationTest {
  private static final String SECRET = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  /** The factory the server itself uses. */
  private final ConfigurationFactory<StoreConfiguration> factory =
      StoreHealth.withDefaults()
          .create(
              StoreConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

  private StoreConfiguration parse(String yaml) throws Exception {
    ConfigurationSourceProvider text =
        path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
    return factory.build(text, "inline.yml");
  }

  private static String endpoint(String url) {
    return "webhooks:\n  endpoints:\n    - url: " + url + "\n      secret: " + SECRET + "\n";
  }

  @Test
  void aUrlLongerThanItsColumn_stopsTheStart_namingTheKeyAndTheLimit() throws Exception {
    String base = "https://receiver.example/hooks/";
    String longest = base + "a".repeat(1016 - base.length());
    assertThat(parse(endpoint(longest)).getWebhooks().getEndpoints().get(0).build().targetName())
        .hasSize(1024);

    assertThatThrownBy(() -> parse(endpoint(longest + "a")))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining(
            "webhooks.endpoints[0].urlShortEnough must be at most 1016 characters");
  }

  @Test
  void retentionAndHousekeeping_haveTheirDefaults() throws Exception {
    WebhooksConfiguration webhooks = factory.build().getWebhooks();

    assertThat(webhooks.getRetention()).isEqualTo(Duration.days(7));
    assertThat(webhooks.getHousekeepingInterval()).isEqualTo(Duration.minutes(1));
    assertThat(parse("webhooks:\n  retention: 0s\n").getWebhooks().getRetention())
        .as("0 keeps everything")
        .isEqualTo(Duration.seconds(0));
  }

  @Test
  void theNodesHealth_byDefault_hasWebhooksNotCritical_andTheDatabaseCritical() throws Exception {
    for (StoreConfiguration config : new StoreConfiguration[] {factory.build(), parse("{}\n")}) {
      DefaultHealthFactory health = (DefaultHealthFactory) config.getHealthFactory().orElseThrow();
      assertThat(health.isEnabled()).isTrue();
      assertThat(health.getHealthCheckConfigurations())
          .extracting(HealthCheckConfiguration::getName, HealthCheckConfiguration::isCritical)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("db", true),
              org.assertj.core.groups.Tuple.tuple("deadlocks", true),
              org.assertj.core.groups.Tuple.tuple("webhooks", false));
    }
  }

  @Test
  void aHealthSectionInTheFile_replacesTheDefaults() throws Exception {
    StoreConfiguration config =
        parse("health:\n  healthChecks:\n    - name: db\n      critical: true\n");

    DefaultHealthFactory health = (DefaultHealthFactory) config.getHealthFactory().orElseThrow();
    assertThat(health.getHealthCheckConfigurations())
        .extracting(HealthCheckConfiguration::getName)
        .containsExactly("db");
  }
}

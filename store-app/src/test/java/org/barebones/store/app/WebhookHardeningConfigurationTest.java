package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.health.DefaultHealthFactory;
import io.dropwizard.health.HealthCheckConfiguration;
import io.dropwizard.util.Duration;
import org.barebones.store.app.testing.Configurations;
import org.junit.jupiter.api.Test;

/**
 * The configuration's part in issue 20: a webhook URL too long for its column stops the start with
 * a message naming the key and the limit (6); the retention and housekeeping defaults (5); the
 * multi-node sample's health treats {@code webhooks} as not critical, {@code db} as critical (6).
 */
class WebhookHardeningConfigurationTest {
  private static final String SECRET = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  private static String endpoint(String url) {
    return "webhooks:\n  endpoints:\n    - url: " + url + "\n      secret: " + SECRET + "\n";
  }

  @Test
  void aUrlLongerThanItsColumn_stopsTheStart_namingTheKeyAndTheLimit() throws Exception {
    String base = "https://receiver.example/hooks/";
    String longest = base + "a".repeat(1016 - base.length());
    assertThat(
            Configurations.parse(endpoint(longest))
                .getWebhooks()
                .getEndpoints()
                .get(0)
                .build()
                .targetName())
        .hasSize(1024);

    assertThatThrownBy(() -> Configurations.parse(endpoint(longest + "a")))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining(
            "webhooks.endpoints[0].urlShortEnough must be at most 1016 characters");
  }

  @Test
  void retentionAndHousekeeping_haveTheirDefaults() throws Exception {
    WebhooksConfiguration webhooks = Configurations.defaults().getWebhooks();

    assertThat(webhooks.getRetention()).isEqualTo(Duration.days(7));
    assertThat(webhooks.getHousekeepingInterval()).isEqualTo(Duration.minutes(1));
    assertThat(Configurations.parse("webhooks:\n  retention: 0s\n").getWebhooks().getRetention())
        .as("0 keeps everything")
        .isEqualTo(Duration.seconds(0));
  }

  @Test
  void theMultiNodeSample_givesTheNodesHealth_withWebhooksNotCritical() throws Exception {
    StoreConfiguration sample = Configurations.sample("config-postgres.yml");

    DefaultHealthFactory health = (DefaultHealthFactory) sample.getHealthFactory().orElseThrow();
    assertThat(health.isEnabled()).isTrue();
    assertThat(health.getHealthCheckUrlPaths()).containsExactly("/health-check");
    assertThat(health.getHealthCheckConfigurations())
        .extracting(HealthCheckConfiguration::getName, HealthCheckConfiguration::isCritical)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("db", true),
            org.assertj.core.groups.Tuple.tuple("deadlocks", true),
            org.assertj.core.groups.Tuple.tuple(Webhooks.HEALTH_CHECK, false));
  }
}

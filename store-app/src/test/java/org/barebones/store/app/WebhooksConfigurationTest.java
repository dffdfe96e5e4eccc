package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.util.Duration;
import java.util.Base64;
import java.util.EnumSet;
import org.barebones.store.app.testing.Configurations;
import org.barebones.store.domain.event.EventType;
import org.barebones.store.http.webhook.WebhookEndpoint;
import org.junit.jupiter.api.Test;

/** The {@code webhooks} block: defaults, and every malformed endpoint stopping the start. */
class WebhooksConfigurationTest {
  private static final String SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  @Test
  void theDefaults_haveNoEndpoint_andRetryForADay() throws Exception {
    WebhooksConfiguration webhooks = Configurations.defaults().getWebhooks();

    assertThat(webhooks.getEndpoints()).isEmpty();
    assertThat(webhooks.getTimeout()).isEqualTo(Duration.seconds(10));
    assertThat(webhooks.policy().firstRetry()).isEqualTo(java.time.Duration.ofSeconds(5));
    assertThat(webhooks.policy().horizon()).isEqualTo(java.time.Duration.ofHours(24));
  }

  @Test
  void theSampleConfigYml_spellsOutTheDefaults() throws Exception {
    WebhooksConfiguration defaults = Configurations.defaults().getWebhooks();
    WebhooksConfiguration sample = Configurations.sample("config.yml").getWebhooks();

    assertThat(sample.getEndpoints()).isEmpty();
    assertThat(sample.policy()).isEqualTo(defaults.policy());
    assertThat(sample.dispatchSettings()).isEqualTo(defaults.dispatchSettings());
    assertThat(sample.getTimeout()).isEqualTo(defaults.getTimeout());
    assertThat(sample.getConnectTimeout()).isEqualTo(defaults.getConnectTimeout());
    assertThat(sample.getMaxPendingAge()).isEqualTo(defaults.getMaxPendingAge());
  }

  @Test
  void anEndpoint_buildsWithItsEvents() throws Exception {
    StoreConfiguration config =
        Configurations.parse(
            "webhooks:\n  endpoints:\n    - url: https://fulfilment.example/hooks\n      secret: "
                + SECRET
                + "\n      events: [order.placed, order.shipped]\n    - url: http://127.0.0.1:9/all\n"
                + "      secret: "
                + SECRET
                + "\n");

    WebhookEndpoint first = config.getWebhooks().getEndpoints().get(0).build();
    WebhookEndpoint second = config.getWebhooks().getEndpoints().get(1).build();
    assertThat(first.events())
        .containsExactlyInAnyOrder(EventType.ORDER_PLACED, EventType.ORDER_SHIPPED);
    assertThat(second.events()).isEqualTo(EnumSet.allOf(EventType.class));
    assertThat(first.targetName()).isEqualTo("webhook:https://fulfilment.example/hooks");
  }

  @Test
  void aSecretThatIsNotWhsecBase64_stopsTheStart_withoutShowingIt() {
    String bad = "whsec_this-is-not-base64-but-a-password!";

    assertThatThrownBy(
            () ->
                Configurations.parse(
                    "webhooks:\n  endpoints:\n    - url: https://a.example/h\n      secret: \""
                        + bad
                        + "\"\n"))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("webhooks.endpoints[0].secretWhsecBase64")
        .hasMessageContaining("must be whsec_ followed by the base64 of 24 to 64 bytes")
        .hasMessageNotContaining("this-is-not-base64");
  }

  @Test
  void aUrlThatIsNotHttp_stopsTheStart() {
    assertThatThrownBy(
            () ->
                Configurations.parse(
                    "webhooks:\n  endpoints:\n    - url: ftp://a.example/h\n      secret: "
                        + SECRET
                        + "\n"))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining(
            "webhooks.endpoints[0].urlHttp must be an absolute http or https URL");
  }

  @Test
  void anUnknownEventType_orALeaseShorterThanAnAttempt_stopsTheStart() {
    assertThatThrownBy(
            () ->
                Configurations.parse(
                    "webhooks:\n  endpoints:\n    - url: https://a.example/h\n      secret: "
                        + SECRET
                        + "\n      events: [order.paid]\n"))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("eventsKnown");
    assertThatThrownBy(() -> Configurations.parse("webhooks:\n  timeout: 30s\n  lease: 10s\n"))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("webhooks.leaseLongerThanAnAttempt");
  }
}

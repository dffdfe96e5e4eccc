package org.barebones.store.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Configuration: how tokens are signed and how long they live. The secret is optional here: with
 * none, {@link TokenSecrets} generates one and keeps it in a file (see {@link #getSecretFile()}).
 */
public class JwtConfiguration {

  private String secret;
  private String secretFile;

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  private Duration producerTokenLifetime = Duration.hours(24);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  private Duration cartTokenLifetime = Duration.days(30);

  /**
   * The HMAC secret as text (its UTF-8 bytes sign the tokens, at least 32 of them); empty or absent
   * means "none configured", and then the environment variable {@code STORE_JWT_SECRET} stands in.
   */
  @JsonProperty
  public String getSecret() {
    return secret;
  }

  @JsonProperty
  public void setSecret(String secret) {
    this.secret = secret;
  }

  /**
   * Where a generated secret is kept when none is configured; absent means beside the embedded
   * database ({@code ./data/jwt-secret} by default).
   */
  @JsonProperty
  public String getSecretFile() {
    return secretFile;
  }

  @JsonProperty
  public void setSecretFile(String secretFile) {
    this.secretFile = secretFile;
  }

  @JsonProperty
  public Duration getProducerTokenLifetime() {
    return producerTokenLifetime;
  }

  @JsonProperty
  public void setProducerTokenLifetime(Duration producerTokenLifetime) {
    this.producerTokenLifetime = producerTokenLifetime;
  }

  @JsonProperty
  public Duration getCartTokenLifetime() {
    return cartTokenLifetime;
  }

  @JsonProperty
  public void setCartTokenLifetime(Duration cartTokenLifetime) {
    this.cartTokenLifetime = cartTokenLifetime;
  }

  /** Hides the secret from anything that prints the configuration. */
  @Override
  public String toString() {
    return "JwtConfiguration{secret="
        + (secret == null || secret.isBlank() ? "<none>" : "<hidden>")
        + ", secretFile="
        + secretFile
        + ", producerTokenLifetime="
        + producerTokenLifetime
        + ", cartTokenLifetime="
        + cartTokenLifetime
        + "}";
  }
}

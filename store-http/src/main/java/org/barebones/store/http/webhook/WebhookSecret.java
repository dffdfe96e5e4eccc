package org.barebones.store.http.webhook;

import java.util.Base64;
import java.util.Objects;

/**
 * Value: an endpoint's signing secret, {@code whsec_} followed by the base64 of 24 to 64 random
 * bytes (the Standard Webhooks form); the key is those bytes. Its {@code toString} never shows it.
 */
public final class WebhookSecret {
  static final String PREFIX = "whsec_";
  static final int MIN_BYTES = 24;
  static final int MAX_BYTES = 64;

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    this.key = key;
  }

  /**
   * Parses a configured secret.
   *
   * @throws IllegalArgumentException with a message that does not repeat the secret
   */
  public static WebhookSecret parse(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (!secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a webhook secret must start with " + PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "a webhook secret must be " + PREFIX + " followed by standard base64", null);
    }
    if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "a webhook secret's base64 must decode to "
              + MIN_BYTES
              + "-"
              + MAX_BYTES
              + " bytes, not "
              + key.length);
    }
    return new WebhookSecret(key);
  }

  /** The HMAC key (a copy). */
  byte[] key() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "WebhookSecret[redacted]";
  }
}

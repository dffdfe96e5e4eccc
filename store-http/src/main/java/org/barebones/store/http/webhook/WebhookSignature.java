package org.barebones.store.http.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,} and the base64 of HMAC-SHA256(key, "{id}.{timestamp}.
 * {body}"). {@link #verify} is what a receiver does, for tests and as a reference.
 */
public final class WebhookSignature {
  /** How far a receiver lets a timestamp be from its clock (the specification's 5 minutes). */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private WebhookSignature() {}

  /**
   * The {@code webhook-signature} header value of {@code body} sent as {@code id} at {@code ts}.
   */
  public static String sign(WebhookSecret secret, String id, long timestamp, byte[] body) {
    return "v1," + Base64.getEncoder().encodeToString(hmac(secret.key(), id, timestamp, body));
  }

  /**
   * Whether a delivery's headers carry a valid signature of {@code body}: the timestamp within
   * {@code tolerance} of {@code now}, and one of the space-separated {@code v1,} entries matching
   * (compared in constant time).
   */
  public static boolean verify(
      String secret,
      String id,
      String timestamp,
      String signatureHeader,
      byte[] body,
      Instant now,
      Duration tolerance) {
    if (id == null || timestamp == null || signatureHeader == null) {
      return false;
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - ts) > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = hmac(WebhookSecret.parse(secret).key(), id, ts, body);
    for (String entry : signatureHeader.trim().split(" +")) {
      if (!entry.startsWith("v1,")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(entry.substring(3));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (MessageDigest.isEqual(expected, given)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] hmac(byte[] key, String id, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}

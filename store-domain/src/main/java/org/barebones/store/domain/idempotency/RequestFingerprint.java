package org.barebones.store.domain.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Value: what a request asked for, as a SHA-256 digest of the operation it names (for HTTP, its
 * method and path) and its payload (the body, byte for byte). A key sent again with another
 * fingerprint is a reused key, not a retry.
 *
 * @param value 64 lower-case hex digits
 */
public record RequestFingerprint(String value) {

  public RequestFingerprint {
    Objects.requireNonNull(value, "value");
    if (!value.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a SHA-256 hex digest: " + value);
    }
  }

  /**
   * The fingerprint of {@code operation} with {@code payload}. The operation's length is digested
   * first, so that no operation and payload run into each other.
   */
  public static RequestFingerprint of(String operation, byte[] payload) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(payload, "payload");
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] name = operation.getBytes(StandardCharsets.UTF_8);
    sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(name.length).array());
    sha256.update(name);
    sha256.update(payload);
    return new RequestFingerprint(HexFormat.of().formatHex(sha256.digest()));
  }
}

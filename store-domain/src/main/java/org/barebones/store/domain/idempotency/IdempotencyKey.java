package org.barebones.store.domain.idempotency;

import java.util.Objects;
import org.barebones.store.domain.shared.InvalidInputException;

/**
 * Value: a key a client sends with a creating request so that a retry of it is not carried out
 * twice: 1 to 255 visible ASCII characters (no space, no control character). A client makes a fresh
 * random one (a UUID, say) per logical operation and reuses it only for that operation's retries.
 */
public record IdempotencyKey(String value) {

  public static final int MAX_LENGTH = 255;

  public IdempotencyKey {
    Objects.requireNonNull(value, "value");
    if (!isWellFormed(value)) {
      throw new InvalidInputException(
          "idempotency_key", "must be 1 to " + MAX_LENGTH + " visible ASCII characters");
    }
  }

  /** Whether {@code value} may be a key: 1-255 characters, each from {@code !} to {@code ~}. */
  public static boolean isWellFormed(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}

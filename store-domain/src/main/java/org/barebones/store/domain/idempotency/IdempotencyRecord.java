package org.barebones.store.domain.idempotency;

import java.time.Instant;
import java.util.Objects;

/**
 * Value: the answer kept for one owner's key: what the request was (its fingerprint), what it was
 * answered, when, and until when the key holds. At {@code expiresAt} and after, the key is free
 * again and the record is swept away.
 */
public record IdempotencyRecord(
    IdempotencyOwner owner,
    IdempotencyKey key,
    RequestFingerprint fingerprint,
    KeptAnswer answer,
    Instant keptAt,
    Instant expiresAt) {

  public IdempotencyRecord {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(keptAt, "keptAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(keptAt)) {
      throw new IllegalArgumentException("a record must expire after it is kept");
    }
  }

  /** Whether the key still holds at {@code now}. */
  public boolean isLiveAt(Instant now) {
    return expiresAt.isAfter(now);
  }
}

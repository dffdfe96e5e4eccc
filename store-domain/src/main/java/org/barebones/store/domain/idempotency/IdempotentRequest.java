package org.barebones.store.domain.idempotency;

import java.util.Objects;

/** Command: a request sent with a key, by its owner, fingerprinted. */
public record IdempotentRequest(
    IdempotencyOwner owner, IdempotencyKey key, RequestFingerprint fingerprint) {

  public IdempotentRequest {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }
}

package org.barebones.store.domain.idempotency;

import java.time.Duration;
import java.util.Objects;
import org.barebones.store.domain.shared.ConflictException;

/**
 * Failure: the first request with this key is still being carried out; nothing was done. Retried
 * after {@link #retryAfter()}, the request gets that first request's answer.
 */
public class IdempotencyKeyInUseException extends ConflictException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public IdempotencyKeyInUseException(Duration retryAfter) {
    super(
        "idempotency-key-in-use",
        "Idempotency key in use",
        "A request with this Idempotency-Key is still being carried out; retry it shortly");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}

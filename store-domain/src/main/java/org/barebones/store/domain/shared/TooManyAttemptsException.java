package org.barebones.store.domain.shared;

import java.time.Duration;
import java.util.Objects;

/** Failure: too many attempts in a short time; the caller may try again after a while. */
public class TooManyAttemptsException extends DomainException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public TooManyAttemptsException(String detail, Duration retryAfter) {
    super(Kind.RATE_LIMITED, "too-many-attempts", "Too many attempts", detail);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}

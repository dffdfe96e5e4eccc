package org.barebones.store.domain.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Policy: when a failed delivery is tried again. Exponential backoff with jitter: after the n-th
 * failed attempt the wait is {@code firstRetry * 2^(n-1)}, capped at {@code maxRetry}, then drawn
 * uniformly between half of it and all of it (so deliveries that failed together spread out). Once
 * a delivery has been retried for {@code horizon} it is failed instead. {@code lease} is how long a
 * claimer holds a delivery before another may take it; it must outlast one attempt.
 */
public record DeliveryPolicy(
    Duration firstRetry, Duration maxRetry, Duration horizon, Duration lease) {

  /** 5 s first retry, at most 1 h apart, for 24 h; a 1 min lease. */
  public static final DeliveryPolicy DEFAULT =
      new DeliveryPolicy(
          Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(24), Duration.ofMinutes(1));

  public DeliveryPolicy {
    Objects.requireNonNull(firstRetry, "firstRetry");
    Objects.requireNonNull(maxRetry, "maxRetry");
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(lease, "lease");
    if (firstRetry.isNegative() || firstRetry.isZero()) {
      throw new IllegalArgumentException("firstRetry must be positive");
    }
    if (maxRetry.compareTo(firstRetry) < 0) {
      throw new IllegalArgumentException("maxRetry must be at least firstRetry");
    }
    if (horizon.isNegative()) {
      throw new IllegalArgumentException("horizon must not be negative");
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive");
    }
  }

  /**
   * The un-jittered wait after {@code failedAttempts} failed attempts (1 or more): doubling from
   * {@code firstRetry}, at most {@code maxRetry}.
   */
  public Duration backoff(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be at least 1");
    }
    int doublings = Math.min(failedAttempts - 1, 40); // 2^40 first retries exceed any cap
    Duration wait = firstRetry;
    for (int i = 0; i < doublings && wait.compareTo(maxRetry) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
  }

  /**
   * When a delivery queued at {@code queuedAt} that has now failed {@code failedAttempts} times (at
   * {@code now}) is tried next, or empty when it has been retried for the horizon and is failed.
   *
   * @param random a source of uniform doubles in [0, 1) for the jitter
   */
  public Optional<Instant> nextAttempt(
      int failedAttempts, Instant queuedAt, Instant now, DoubleSupplier random) {
    if (!now.isBefore(queuedAt.plus(horizon))) {
      return Optional.empty();
    }
    long waitNanos = backoff(failedAttempts).toNanos();
    double share = 0.5 + 0.5 * Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
    return Optional.of(now.plusNanos((long) (waitNanos * share)));
  }
}

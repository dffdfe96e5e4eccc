package org.barebones.store.domain.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Value: the outbox's deliveries at one moment: how many wait (claimed ones included), how many
 * failed, how many were abandoned (their target left the configuration; they do not count as
 * waiting), and when the oldest waiting delivery was queued (its event recorded, or it re-queued).
 */
public record OutboxStats(
    long pending, long failed, long abandoned, Optional<Instant> oldestPending) {
  public OutboxStats {
    Objects.requireNonNull(oldestPending, "oldestPending");
  }

  /** Figures with no abandoned delivery. */
  public OutboxStats(long pending, long failed, Optional<Instant> oldestPending) {
    this(pending, failed, 0, oldestPending);
  }
}

package org.barebones.store.domain.event;

import java.time.Instant;
import java.util.Objects;

/** Value: a delivery that ran out of retries, kept for an operator to inspect and re-queue. */
public record FailedDelivery(
    long id, String target, StoreEvent event, int attempts, String lastError, Instant failedAt) {
  public FailedDelivery {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(failedAt, "failedAt");
  }
}

package org.barebones.store.domain.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Value: a delivery set aside for an operator to inspect and re-queue: one that ran out of retries,
 * one whose event could not be read (an unknown type, a missing order: {@code lastError} says
 * which), or one whose target left the configuration (abandoned). It names its event by id and type
 * only, since a set-aside event may be one this version cannot read.
 */
public record FailedDelivery(
    long id,
    String target,
    EventId eventId,
    String eventType,
    int attempts,
    String lastError,
    Instant failedAt) {
  public FailedDelivery {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(failedAt, "failedAt");
  }
}

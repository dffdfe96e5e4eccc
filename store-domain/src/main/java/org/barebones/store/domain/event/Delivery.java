package org.barebones.store.domain.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Value: one event's delivery to one target, as claimed by a dispatcher: {@code attempts} made
 * before this claim, {@code queuedAt} when its retry horizon started (the event's recording, or an
 * operator's re-queue), and the {@code claimToken} that lets only this claim settle it.
 */
public record Delivery(
    long id, String target, StoreEvent event, int attempts, Instant queuedAt, String claimToken) {
  public Delivery {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(queuedAt, "queuedAt");
    Objects.requireNonNull(claimToken, "claimToken");
  }
}

package org.barebones.store.domain.event;

import java.time.Instant;
import java.util.Objects;

/** Value: one recorded event: its stable id, when it was recorded, and what happened. */
public record StoreEvent(EventId id, Instant createdAt, EventData data) {
  public StoreEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(data, "data");
  }

  public EventType type() {
    return data.type();
  }
}

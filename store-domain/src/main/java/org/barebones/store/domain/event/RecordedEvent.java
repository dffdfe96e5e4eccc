package org.barebones.store.domain.event;

import java.util.Objects;

/** Value: an event with its place in the outbox's recording order (for paging the outbox). */
public record RecordedEvent(long sequence, StoreEvent event) {
  public RecordedEvent {
    Objects.requireNonNull(event, "event");
  }
}

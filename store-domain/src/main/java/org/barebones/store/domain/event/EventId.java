package org.barebones.store.domain.event;

import java.util.Objects;
import java.util.UUID;

/**
 * Value: the identity of an event, {@code evt_} and a random UUID, given once when the event is
 * recorded and kept across every redelivery (receivers deduplicate by it).
 */
public record EventId(String value) {
  public EventId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank() || value.length() > 64) {
      throw new IllegalArgumentException("EventId must be 1-64 characters");
    }
  }

  public static EventId random() {
    return new EventId("evt_" + UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value;
  }
}

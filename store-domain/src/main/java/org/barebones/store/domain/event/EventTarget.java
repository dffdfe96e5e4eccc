package org.barebones.store.domain.event;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Value: somewhere events are delivered: an in-process listener or a webhook endpoint. Its {@code
 * name} identifies its deliveries in the outbox, so it must stay the same across restarts and be
 * the same on every node; it subscribes to {@code types}.
 */
public record EventTarget(String name, Set<EventType> types, EventListener listener) {
  public EventTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(listener, "listener");
    if (name.isBlank() || name.length() > 1024) {
      throw new IllegalArgumentException("an event target's name must be 1-1024 characters");
    }
    if (types.isEmpty()) {
      throw new IllegalArgumentException("event target " + name + " subscribes to no event type");
    }
    types = Set.copyOf(EnumSet.copyOf(types));
  }

  /** A target of every event type. */
  public static EventTarget ofAll(String name, EventListener listener) {
    return new EventTarget(name, EnumSet.allOf(EventType.class), listener);
  }

  public boolean subscribesTo(EventType type) {
    return types.contains(type);
  }
}

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

  /**
   * A target's name as it may be logged or listed: where it holds a URL ({@code
   * webhook:https://user:pass@host/path?token=...}), without the URL's user-info, query and
   * fragment, where credentials hide.
   */
  public static String redact(String name) {
    int scheme = name.indexOf("://");
    if (scheme < 0) {
      return name;
    }
    int authorityStart = scheme + 3;
    int end = name.length();
    for (char c : new char[] {'?', '#'}) {
      int at = name.indexOf(c, authorityStart);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    int slash = name.indexOf('/', authorityStart);
    int authorityEnd = slash < 0 || slash > end ? end : slash;
    String authority = name.substring(authorityStart, authorityEnd);
    int at = authority.lastIndexOf('@');
    StringBuilder out = new StringBuilder(name.substring(0, authorityStart));
    if (at >= 0) {
      out.append("[redacted]@").append(authority.substring(at + 1));
    } else {
      out.append(authority);
    }
    out.append(name, authorityEnd, end);
    if (end < name.length()) {
      out.append(name.charAt(end)).append("[redacted]");
    }
    return out.toString();
  }
}

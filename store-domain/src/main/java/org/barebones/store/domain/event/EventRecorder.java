package org.barebones.store.domain.event;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.barebones.store.domain.port.EventOutbox;

/**
 * Domain service: records an event in the caller's unit of work, with a pending delivery to every
 * target that subscribes to its type. Use cases call it inside {@code inTransaction}, so that the
 * event exists exactly when their change commits. An event no target subscribes to is recorded only
 * when {@code keepUnsubscribed} (a store whose outbox is read as an event log); the server stores
 * none.
 */
public final class EventRecorder {
  private final EventOutbox outbox;
  private final List<EventTarget> targets;
  private final Clock clock;
  private final Supplier<EventId> ids;
  private final boolean keepUnsubscribed;

  public EventRecorder(
      EventOutbox outbox, List<EventTarget> targets, Clock clock, Supplier<EventId> ids) {
    this(outbox, targets, clock, ids, true);
  }

  public EventRecorder(
      EventOutbox outbox,
      List<EventTarget> targets,
      Clock clock,
      Supplier<EventId> ids,
      boolean keepUnsubscribed) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.targets = List.copyOf(targets);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.keepUnsubscribed = keepUnsubscribed;
  }

  public StoreEvent record(EventData data) {
    StoreEvent event = new StoreEvent(ids.get(), clock.instant(), data);
    List<String> subscribed =
        targets.stream().filter(t -> t.subscribesTo(data.type())).map(EventTarget::name).toList();
    if (subscribed.isEmpty() && !keepUnsubscribed) {
      return event;
    }
    outbox.append(event, subscribed);
    return event;
  }
}

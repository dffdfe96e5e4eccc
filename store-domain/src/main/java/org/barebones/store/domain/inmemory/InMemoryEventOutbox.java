package org.barebones.store.domain.inmemory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.barebones.store.domain.event.Delivery;
import org.barebones.store.domain.event.EventId;
import org.barebones.store.domain.event.FailedDelivery;
import org.barebones.store.domain.event.OutboxStats;
import org.barebones.store.domain.event.RecordedEvent;
import org.barebones.store.domain.event.StoreEvent;
import org.barebones.store.domain.port.EventOutbox;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;

/**
 * In-memory adapter: the outbox in this process, taking part in the in-memory units of work (an
 * event recorded in one that fails is gone with it). Thread-safe.
 */
public final class InMemoryEventOutbox implements EventOutbox {

  private enum Status {
    PENDING,
    DELIVERED,
    FAILED,
    ABANDONED
  }

  /** One delivery row; replaced, never changed, so the journal can undo a write. */
  private record Row(
      long id,
      long eventSequence,
      String target,
      Status status,
      int attempts,
      Instant queuedAt,
      Instant nextAttemptAt,
      String claimToken,
      String lastError,
      Instant settledAt) {}

  private final InMemoryTransactions tx;
  private final TreeMap<Long, RecordedEvent> events = new TreeMap<>();
  private final TreeMap<Long, Row> deliveries = new TreeMap<>();
  private final Map<EventId, Long> byEventId = new HashMap<>();
  private final AtomicLong eventSequence = new AtomicLong();
  private final AtomicLong deliverySequence = new AtomicLong();

  public InMemoryEventOutbox(InMemoryTransactions tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Override
  public void append(StoreEvent event, Collection<String> targets) {
    Objects.requireNonNull(event, "event");
    Set<String> distinct = Set.copyOf(targets);
    tx.write(
        () -> {
          if (byEventId.containsKey(event.id())) {
            throw new IllegalStateException("event " + event.id() + " is already recorded");
          }
          long sequence = eventSequence.incrementAndGet();
          tx.put(byEventId, event.id(), sequence);
          tx.put(events, sequence, new RecordedEvent(sequence, event));
          for (String target : distinct) {
            long id = deliverySequence.incrementAndGet();
            tx.put(
                deliveries,
                id,
                new Row(
                    id,
                    sequence,
                    target,
                    Status.PENDING,
                    0,
                    event.createdAt(),
                    event.createdAt(),
                    null,
                    null,
                    null));
          }
          return null;
        });
  }

  @Override
  public Page<RecordedEvent> list(PageRequest page) {
    return tx.read(() -> Paging.page(events, page, e -> true));
  }

  @Override
  public List<Delivery> claim(Collection<String> targets, Instant now, Duration lease, int limit) {
    Set<String> wanted = Set.copyOf(targets);
    return tx.write(
        () -> {
          List<Row> due =
              deliveries.values().stream()
                  .filter(r -> r.status() == Status.PENDING)
                  .filter(r -> wanted.contains(r.target()))
                  .filter(r -> !r.nextAttemptAt().isAfter(now))
                  .sorted(Comparator.comparing(Row::nextAttemptAt).thenComparing(Row::id))
                  .limit(limit)
                  .toList();
          List<Delivery> claimed = new ArrayList<>();
          for (Row row : due) {
            String token = UUID.randomUUID().toString();
            tx.put(
                deliveries,
                row.id(),
                new Row(
                    row.id(),
                    row.eventSequence(),
                    row.target(),
                    row.status(),
                    row.attempts(),
                    row.queuedAt(),
                    now.plus(lease),
                    token,
                    row.lastError(),
                    row.settledAt()));
            claimed.add(
                new Delivery(
                    row.id(),
                    row.target(),
                    events.get(row.eventSequence()).event(),
                    row.attempts(),
                    row.queuedAt(),
                    token));
          }
          return List.copyOf(claimed);
        });
  }

  @Override
  public boolean markDelivered(Delivery claimed, Instant at) {
    return settle(claimed, Status.DELIVERED, at, at, null);
  }

  @Override
  public boolean markRetry(Delivery claimed, Instant nextAttempt, String error) {
    return settle(claimed, Status.PENDING, nextAttempt, null, error);
  }

  @Override
  public boolean markFailed(Delivery claimed, Instant at, String error) {
    return settle(claimed, Status.FAILED, at, at, error);
  }

  private boolean settle(
      Delivery claimed, Status status, Instant nextAttemptAt, Instant settledAt, String error) {
    return tx.write(
        () -> {
          Row row = deliveries.get(claimed.id());
          if (row == null
              || row.status() != Status.PENDING
              || !claimed.claimToken().equals(row.claimToken())) {
            return false;
          }
          tx.put(
              deliveries,
              row.id(),
              new Row(
                  row.id(),
                  row.eventSequence(),
                  row.target(),
                  status,
                  row.attempts() + 1,
                  row.queuedAt(),
                  nextAttemptAt,
                  null,
                  error == null ? row.lastError() : error,
                  settledAt));
          return true;
        });
  }

  @Override
  public List<FailedDelivery> failed(int limit) {
    return setAside(Status.FAILED, limit);
  }

  @Override
  public List<FailedDelivery> abandoned(int limit) {
    return setAside(Status.ABANDONED, limit);
  }

  private List<FailedDelivery> setAside(Status status, int limit) {
    return tx.read(
        () ->
            deliveries.values().stream()
                .filter(r -> r.status() == status)
                .sorted(Comparator.comparing(Row::settledAt).thenComparing(Row::id))
                .limit(limit)
                .map(
                    r -> {
                      StoreEvent event = events.get(r.eventSequence()).event();
                      return new FailedDelivery(
                          r.id(),
                          r.target(),
                          event.id(),
                          event.type().wireName(),
                          r.attempts(),
                          Optional.ofNullable(r.lastError()).orElse(""),
                          r.settledAt());
                    })
                .toList());
  }

  @Override
  public int requeueFailed(Instant now) {
    return requeue(r -> r.status() == Status.FAILED, now);
  }

  @Override
  public int requeueAbandoned(Collection<String> targets, Instant now) {
    Set<String> wanted = Set.copyOf(targets);
    return requeue(r -> r.status() == Status.ABANDONED && wanted.contains(r.target()), now);
  }

  private int requeue(Predicate<Row> which, Instant now) {
    return tx.write(
        () -> {
          List<Row> chosen = deliveries.values().stream().filter(which).toList();
          for (Row r : chosen) {
            tx.put(
                deliveries,
                r.id(),
                new Row(
                    r.id(),
                    r.eventSequence(),
                    r.target(),
                    Status.PENDING,
                    0,
                    now,
                    now,
                    null,
                    r.lastError(),
                    null));
          }
          return chosen.size();
        });
  }

  @Override
  public int abandonUnconfigured(Collection<String> configured, Instant now) {
    Set<String> kept = Set.copyOf(configured);
    return tx.write(
        () -> {
          List<Row> chosen =
              deliveries.values().stream()
                  .filter(r -> r.status() == Status.PENDING && !kept.contains(r.target()))
                  .toList();
          for (Row r : chosen) {
            tx.put(
                deliveries,
                r.id(),
                new Row(
                    r.id(),
                    r.eventSequence(),
                    r.target(),
                    Status.ABANDONED,
                    r.attempts(),
                    r.queuedAt(),
                    r.nextAttemptAt(),
                    null,
                    ABANDONED_REASON,
                    now));
          }
          return chosen.size();
        });
  }

  @Override
  public int purge(Instant before, int limit) {
    return tx.write(
        () -> {
          List<Row> settled =
              deliveries.values().stream()
                  .filter(r -> r.status() != Status.PENDING && r.settledAt().isBefore(before))
                  .limit(limit)
                  .toList();
          for (Row r : settled) {
            tx.remove(deliveries, r.id());
          }
          Set<Long> referenced = new HashSet<>();
          deliveries.values().forEach(r -> referenced.add(r.eventSequence()));
          List<RecordedEvent> old =
              events.values().stream()
                  .filter(e -> e.event().createdAt().isBefore(before))
                  .filter(e -> !referenced.contains(e.sequence()))
                  .limit(limit)
                  .toList();
          for (RecordedEvent e : old) {
            tx.remove(events, e.sequence());
            tx.remove(byEventId, e.event().id());
          }
          return settled.size() + old.size();
        });
  }

  @Override
  public OutboxStats stats() {
    return tx.read(
        () -> {
          long pending = 0;
          long failed = 0;
          long abandoned = 0;
          Instant oldest = null;
          for (Row r : deliveries.values()) {
            if (r.status() == Status.FAILED) {
              failed++;
            } else if (r.status() == Status.ABANDONED) {
              abandoned++;
            } else if (r.status() == Status.PENDING) {
              pending++;
              if (oldest == null || r.queuedAt().isBefore(oldest)) {
                oldest = r.queuedAt();
              }
            }
          }
          return new OutboxStats(pending, failed, abandoned, Optional.ofNullable(oldest));
        });
  }
}

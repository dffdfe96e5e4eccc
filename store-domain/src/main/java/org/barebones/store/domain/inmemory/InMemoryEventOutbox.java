package org.barebones.store.domain.inmemory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
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
    FAILED
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
    return tx.read(
        () ->
            deliveries.values().stream()
                .filter(r -> r.status() == Status.FAILED)
                .limit(limit)
                .map(
                    r ->
                        new FailedDelivery(
                            r.id(),
                            r.target(),
                            events.get(r.eventSequence()).event(),
                            r.attempts(),
                            Optional.ofNullable(r.lastError()).orElse(""),
                            r.settledAt()))
                .toList());
  }

  @Override
  public int requeueFailed(Instant now) {
    return tx.write(
        () -> {
          List<Row> failed =
              deliveries.values().stream().filter(r -> r.status() == Status.FAILED).toList();
          for (Row r : failed) {
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
          return failed.size();
        });
  }

  @Override
  public OutboxStats stats() {
    return tx.read(
        () -> {
          long pending = 0;
          long failed = 0;
          Instant oldest = null;
          for (Row r : deliveries.values()) {
            if (r.status() == Status.FAILED) {
              failed++;
            } else if (r.status() == Status.PENDING) {
              pending++;
              if (oldest == null || r.queuedAt().isBefore(oldest)) {
                oldest = r.queuedAt();
              }
            }
          }
          return new OutboxStats(pending, failed, Optional.ofNullable(oldest));
        });
  }
}

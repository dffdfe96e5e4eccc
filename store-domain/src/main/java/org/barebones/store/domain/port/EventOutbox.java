package org.barebones.store.domain.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.barebones.store.domain.event.Delivery;
import org.barebones.store.domain.event.FailedDelivery;
import org.barebones.store.domain.event.OutboxStats;
import org.barebones.store.domain.event.RecordedEvent;
import org.barebones.store.domain.event.StoreEvent;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;

/**
 * Outgoing port: the transactional outbox. Events are recorded in the unit of work of the change
 * they describe, with one pending delivery per target; dispatchers (on one node or many) claim due
 * deliveries for a lease, so that each is attempted by one claimer at a time and a dead claimer's
 * deliveries come due again when its lease runs out.
 */
public interface EventOutbox {

  /** The last error an abandoned delivery is listed with. */
  String ABANDONED_REASON = "its target is no longer configured";

  /**
   * Records {@code event} and a pending delivery of it to each of {@code targets}, due now, in the
   * caller's unit of work: all of it exists exactly when that unit of work commits.
   */
  void append(StoreEvent event, Collection<String> targets);

  /**
   * The recorded events in recording order, one keyset page (the key is the sequence). Events this
   * version cannot read (a type it does not know, recorded by a newer one) are left out.
   */
  Page<RecordedEvent> list(PageRequest page);

  /**
   * Claims up to {@code limit} pending deliveries to any of {@code targets} that are due at {@code
   * now}, oldest due first, skipping those another claimer holds. A claimed delivery is not due
   * again until {@code now + lease}, when another claimer may take it.
   *
   * <p>A delivery whose event cannot be read (a type this version does not know, an order that is
   * gone, a row it cannot make sense of) is never handed out: it is set aside as failed, with the
   * reason as its last error and no attempt counted, and the claim goes on with the others, so one
   * poison event never blocks the rest.
   */
  List<Delivery> claim(Collection<String> targets, Instant now, Duration lease, int limit);

  /**
   * Marks a claimed delivery delivered, if {@code claimed} still holds it.
   *
   * @return whether it did (false when the lease ran out and another claim took it)
   */
  boolean markDelivered(Delivery claimed, Instant at);

  /** Counts a failed attempt and makes the delivery due again at {@code nextAttempt}, if held. */
  boolean markRetry(Delivery claimed, Instant nextAttempt, String error);

  /** Counts a failed attempt and marks the delivery failed (kept, never retried), if held. */
  boolean markFailed(Delivery claimed, Instant at, String error);

  /** Failed deliveries, oldest first, at most {@code limit}. */
  List<FailedDelivery> failed(int limit);

  /**
   * Makes every failed delivery pending again, due at {@code now}, with its attempts counted from
   * zero (a fresh retry horizon starts from {@code now}).
   *
   * @return how many were re-queued
   */
  int requeueFailed(Instant now);

  OutboxStats stats();

  /**
   * Marks every pending delivery to a target not in {@code configured} abandoned at {@code now}:
   * kept and listed, no longer waiting, never claimed, until {@link #requeueAbandoned} takes it
   * back.
   *
   * <p>The housekeeping methods default to doing nothing, so that an adapter written before them
   * still compiles (and keeps every row).
   *
   * @return how many were abandoned
   */
  default int abandonUnconfigured(Collection<String> configured, Instant now) {
    return 0;
  }

  /**
   * Makes the abandoned deliveries to any of {@code targets} pending again, due at {@code now},
   * with a fresh retry horizon (their target is configured again).
   *
   * @return how many were re-queued
   */
  default int requeueAbandoned(Collection<String> targets, Instant now) {
    return 0;
  }

  /** Abandoned deliveries, oldest abandoned first, at most {@code limit}. */
  default List<FailedDelivery> abandoned(int limit) {
    return List.of();
  }

  /**
   * Deletes at most {@code limit} settled deliveries (delivered, failed or abandoned) settled
   * before {@code before}, then at most {@code limit} events recorded before {@code before} that no
   * delivery refers to any more. Safe to run from several claimers at once: each skips the rows
   * another one is deleting.
   *
   * @return how many rows were deleted (deliveries and events); 0 when nothing more is due
   */
  default int purge(Instant before, int limit) {
    return 0;
  }
}

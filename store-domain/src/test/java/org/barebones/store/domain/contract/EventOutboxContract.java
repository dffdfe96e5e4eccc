package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.barebones.store.domain.event.Delivery;
import org.barebones.store.domain.event.EventId;
import org.barebones.store.domain.event.OutboxStats;
import org.barebones.store.domain.event.ProductOutOfStock;
import org.barebones.store.domain.event.StoreEvent;
import org.barebones.store.domain.fixtures.Race;
import org.barebones.store.domain.port.EventOutbox;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link org.barebones.store.domain.port.EventOutbox}: events and their deliveries
 * exist exactly when the unit of work that appended them commits; a claim holds a delivery for its
 * lease; only the claim that holds a delivery settles it; failed deliveries are kept and re-queued.
 * Each test uses target names of its own, so the suites may share a database.
 */
public abstract class EventOutboxContract extends ContractSupport {

  // Microseconds only: the databases keep no finer time.
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456Z");
  private static final Duration LEASE = Duration.ofSeconds(30);

  private static String aTarget() {
    return "test:" + UUID.randomUUID();
  }

  /** An out-of-stock event of a fresh product (its data needs no order). */
  private StoreEvent anEvent(Instant at) {
    return new StoreEvent(EventId.random(), at, new ProductOutOfStock(aProduct(0)));
  }

  @Test
  void append_recordsTheEventAndOnePendingDeliveryPerTarget() {
    String a = aTarget();
    String b = aTarget();
    StoreEvent event = appended(T0, a, b, a);

    assertThat(recordedEvents())
        .filteredOn(e -> e.id().equals(event.id()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.createdAt()).isEqualTo(T0);
              assertThat(e.data()).isEqualTo(event.data());
            });
    List<Delivery> claimed = store.events().claim(List.of(a, b), T0, LEASE, 10);
    assertThat(claimed).extracting(Delivery::target).containsExactlyInAnyOrder(a, b);
    assertThat(claimed)
        .allSatisfy(
            d -> {
              assertThat(d.event()).isEqualTo(event);
              assertThat(d.attempts()).isZero();
              assertThat(d.queuedAt()).isEqualTo(T0);
            });
  }

  @Test
  void append_inAUnitOfWorkThatFails_leavesNothing() {
    String target = aTarget();
    StoreEvent event = anEvent(T0);

    inAFailingUnitOfWork("the change fails after its event", () -> append(event, List.of(target)));

    assertThat(recordedEvents()).noneMatch(e -> e.id().equals(event.id()));
    assertThat(store.events().claim(List.of(target), T0.plusSeconds(60), LEASE, 10)).isEmpty();
  }

  @Test
  void anEventWithNoTarget_isStillRecorded() {
    StoreEvent event = appended(T0);

    assertThat(recordedEvents()).filteredOn(e -> e.id().equals(event.id())).hasSize(1);
  }

  @Test
  void claim_takesOnlyDueDeliveriesOfTheNamedTargets_andHoldsThemForTheLease() {
    String mine = aTarget();
    String other = aTarget();
    StoreEvent event = appended(T0, mine, other);

    assertThat(store.events().claim(List.of(mine), T0.minusSeconds(1), LEASE, 10))
        .as("not due before the event")
        .isEmpty();
    List<Delivery> first = store.events().claim(List.of(mine), T0, LEASE, 10);
    assertThat(first).singleElement().extracting(Delivery::target).isEqualTo(mine);

    assertThat(store.events().claim(List.of(mine), T0.plus(LEASE).minusSeconds(1), LEASE, 10))
        .as("held while the lease runs")
        .isEmpty();
    List<Delivery> again = store.events().claim(List.of(mine), T0.plus(LEASE), LEASE, 10);
    assertThat(again).as("due again once the lease ran out").hasSize(1);
    assertThat(again.get(0).id()).isEqualTo(first.get(0).id());
    assertThat(again.get(0).claimToken()).isNotEqualTo(first.get(0).claimToken());

    assertThat(store.events().markDelivered(first.get(0), T0.plus(LEASE)))
        .as("the expired claim no longer settles it")
        .isFalse();
    assertThat(store.events().markDelivered(again.get(0), T0.plus(LEASE))).isTrue();
    assertThat(store.events().claim(List.of(mine), T0.plus(Duration.ofDays(1)), LEASE, 10))
        .as("delivered is never due again")
        .isEmpty();
  }

  @Test
  void claim_takesAtMostTheLimit_oldestDueFirst() {
    String target = aTarget();
    List<StoreEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(appended(T0.plusSeconds(i), target));
    }

    List<Delivery> claimed = store.events().claim(List.of(target), T0.plusSeconds(10), LEASE, 3);

    assertThat(claimed)
        .extracting(d -> d.event().id())
        .containsExactly(events.get(0).id(), events.get(1).id(), events.get(2).id());
  }

  @Test
  void markRetry_countsTheAttempt_andMakesItDueAtTheNextAttempt() {
    String target = aTarget();
    StoreEvent event = appended(T0, target);
    Delivery claimed = store.events().claim(List.of(target), T0, LEASE, 1).get(0);

    assertThat(store.events().markRetry(claimed, T0.plusSeconds(5), "HTTP 500")).isTrue();
    assertThat(store.events().markRetry(claimed, T0.plusSeconds(5), "HTTP 500"))
        .as("a settled claim settles nothing more")
        .isFalse();

    assertThat(store.events().claim(List.of(target), T0.plusSeconds(4), LEASE, 1)).isEmpty();
    Delivery retried = store.events().claim(List.of(target), T0.plusSeconds(5), LEASE, 1).get(0);
    assertThat(retried.attempts()).isEqualTo(1);
    assertThat(retried.queuedAt()).isEqualTo(T0);
  }

  @Test
  void markFailed_keepsTheDelivery_untilItIsRequeued() {
    String target = aTarget();
    StoreEvent event = appended(T0, target);
    Delivery claimed = store.events().claim(List.of(target), T0, LEASE, 1).get(0);
    OutboxStats before = store.events().stats();

    Instant failedAt = T0.plusSeconds(100);
    assertThat(store.events().markFailed(claimed, failedAt, "HTTP 503")).isTrue();

    assertThat(store.events().claim(List.of(target), T0.plus(Duration.ofDays(2)), LEASE, 1))
        .isEmpty();
    OutboxStats after = store.events().stats();
    assertThat(after.failed()).isEqualTo(before.failed() + 1);
    assertThat(after.pending()).isEqualTo(before.pending() - 1);
    assertThat(store.events().failed(10_000))
        .filteredOn(f -> f.eventId().equals(event.id()))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.target()).isEqualTo(target);
              assertThat(f.attempts()).isEqualTo(1);
              assertThat(f.lastError()).isEqualTo("HTTP 503");
              assertThat(f.failedAt()).isEqualTo(failedAt);
            });

    Instant requeuedAt = T0.plus(Duration.ofDays(3));
    assertThat(store.events().requeueFailed(requeuedAt)).isGreaterThanOrEqualTo(1);
    assertThat(store.events().failed(10_000)).noneMatch(f -> f.eventId().equals(event.id()));
    Delivery requeued = store.events().claim(List.of(target), requeuedAt, LEASE, 1).get(0);
    assertThat(requeued.attempts()).isZero();
    assertThat(requeued.queuedAt()).isEqualTo(requeuedAt);
  }

  @Test
  void stats_countPendingDeliveries_andTheOldestQueuedTime() {
    String target = aTarget();
    OutboxStats before = store.events().stats();
    Instant old = Instant.parse("2000-01-01T00:00:00Z");
    StoreEvent event = anEvent(old);

    store.transactions().inTransaction(() -> append(event, List.of(target, aTarget())));

    OutboxStats after = store.events().stats();
    assertThat(after.pending()).isEqualTo(before.pending() + 2);
    assertThat(after.oldestPending()).contains(old);
    for (Delivery d : store.events().claim(List.of(target), old, LEASE, 10)) {
      store.events().markDelivered(d, old);
    }
    assertThat(store.events().stats().pending()).isEqualTo(before.pending() + 1);
  }

  @Test
  void racingClaims_takeEachDeliveryOnce() throws Exception {
    String target = aTarget();
    int deliveries = 60;
    for (int i = 0; i < deliveries; i++) {
      appended(T0, target);
    }
    List<Long> all = Collections.synchronizedList(new ArrayList<>());
    Race.repeated(
        8,
        () -> {
          while (true) {
            List<Delivery> got = store.events().claim(List.of(target), T0, LEASE, 3);
            if (got.isEmpty()) {
              return null;
            }
            got.forEach(d -> all.add(d.id()));
          }
        });

    assertThat(all).as("claims made").hasSize(deliveries);
    assertThat(new HashSet<>(all)).as("distinct deliveries claimed").hasSize(deliveries);
  }

  @Test
  void abandonUnconfigured_setsAsideThePendingDeliveriesOfOtherTargets_untilTheyAreRequeued() {
    String kept = aTarget();
    String gone = aTarget();
    StoreEvent event = appended(T0, kept, gone);
    OutboxStats before = store.events().stats();

    Instant abandonedAt = T0.plusSeconds(1);
    int abandoned = store.events().abandonUnconfigured(List.of(kept), abandonedAt);

    assertThat(abandoned).isGreaterThanOrEqualTo(1);
    OutboxStats after = store.events().stats();
    assertThat(after.abandoned()).isEqualTo(before.abandoned() + abandoned);
    assertThat(after.pending()).as("no longer pending").isEqualTo(before.pending() - abandoned);
    assertThat(store.events().claim(List.of(gone), T0.plus(Duration.ofDays(9)), LEASE, 10))
        .as("an abandoned delivery is never claimed")
        .isEmpty();
    assertThat(store.events().abandoned(10_000))
        .filteredOn(f -> f.target().equals(gone))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.eventId()).isEqualTo(event.id());
              assertThat(f.eventType()).isEqualTo("product.out_of_stock");
              assertThat(f.attempts()).isZero();
              assertThat(f.lastError()).isEqualTo(EventOutbox.ABANDONED_REASON);
              assertThat(f.failedAt()).isEqualTo(abandonedAt);
            });
    assertThat(store.events().claim(List.of(kept), T0, LEASE, 10))
        .as("a configured target's delivery stays pending")
        .hasSize(1);

    Instant back = T0.plusSeconds(2);
    assertThat(store.events().requeueAbandoned(List.of(aTarget()), back)).isZero();
    assertThat(store.events().requeueAbandoned(List.of(gone), back)).isEqualTo(1);
    assertThat(store.events().abandoned(10_000)).noneMatch(f -> f.target().equals(gone));
    Delivery requeued = store.events().claim(List.of(gone), back, LEASE, 10).get(0);
    assertThat(requeued.event()).isEqualTo(event);
    assertThat(requeued.attempts()).isZero();
    assertThat(requeued.queuedAt()).isEqualTo(back);
  }

  @Test
  void purge_deletesWhatSettledBeforeTheCutoff_andEventsNoDeliveryNeeds_inBoundedBatches() {
    Instant ancient = Instant.parse("1980-01-01T00:00:00Z");
    Instant cutoff = Instant.parse("1990-01-01T00:00:00Z");
    String done = aTarget();
    String waiting = aTarget();
    List<StoreEvent> delivered = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      delivered.add(appended(ancient.plusSeconds(i), done));
    }
    for (Delivery d : store.events().claim(List.of(done), ancient.plusSeconds(5), LEASE, 10)) {
      assertThat(store.events().markDelivered(d, ancient.plusSeconds(6))).isTrue();
    }
    StoreEvent pending = appended(ancient, waiting);
    StoreEvent untargeted = appended(ancient);
    StoreEvent recent = appended(T0);

    List<Integer> batches = new ArrayList<>();
    for (int deleted; (deleted = store.events().purge(cutoff, 2)) > 0; ) {
      batches.add(deleted);
    }

    assertThat(batches).as("rows per batch").allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4));
    assertThat(batches.stream().mapToInt(Integer::intValue).sum())
        .as("3 delivered deliveries, their 3 events and the untargeted one")
        .isEqualTo(7);
    List<EventId> left = recordedEvents().stream().map(StoreEvent::id).toList();
    assertThat(left).doesNotContain(delivered.get(0).id(), untargeted.id());
    assertThat(left).contains(pending.id(), recent.id());
    assertThat(store.events().claim(List.of(waiting), T0, LEASE, 10))
        .as("a pending delivery is never purged")
        .singleElement()
        .extracting(Delivery::event)
        .isEqualTo(pending);
  }

  /** A fresh event at {@code at}, appended for {@code targets} in a unit of work of its own. */
  private StoreEvent appended(Instant at, String... targets) {
    StoreEvent event = anEvent(at);
    store.transactions().inTransaction(() -> append(event, List.of(targets)));
    return event;
  }

  private Void append(StoreEvent event, List<String> targets) {
    store.events().append(event, targets);
    return null;
  }
}

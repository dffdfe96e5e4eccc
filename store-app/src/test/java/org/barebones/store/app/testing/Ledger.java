package org.barebones.store.app.testing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;

/**
 * Test support: what the clients of a load saw happen to each cart they checked out: bought (with
 * the order id the server named), refused for stock, or unknown (no answer, or the server could not
 * tell). The accounting compares it with what the database holds.
 */
public final class Ledger {

  public enum Outcome {
    /** 200: the server says the order exists. */
    BOUGHT,
    /** 409 insufficient-stock: the server says nothing changed. */
    SHORT,
    /** No answer, a 503, or a kill in flight: either may have happened, but all or nothing. */
    UNKNOWN
  }

  /** One checked-out cart: its lines as the client filled them, and what the checkout answered. */
  public record Entry(long cartId, Map<Long, Integer> lines, Outcome outcome, long orderId) {
    public Entry {
      lines = Map.copyOf(lines);
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  private final ConcurrentMap<Long, Entry> entries = new ConcurrentHashMap<>();
  private final Set<Long> canceled = ConcurrentHashMap.newKeySet();
  private final Set<Long> cancelsUnknown = ConcurrentHashMap.newKeySet();
  private final Queue<String> conflicts = new ConcurrentLinkedQueue<>();

  public void bought(long cartId, Map<Long, Integer> lines, long orderId) {
    record(new Entry(cartId, lines, Outcome.BOUGHT, orderId));
  }

  public void short_(long cartId, Map<Long, Integer> lines) {
    record(new Entry(cartId, lines, Outcome.SHORT, 0));
  }

  public void unknown(long cartId, Map<Long, Integer> lines) {
    record(new Entry(cartId, lines, Outcome.UNKNOWN, 0));
  }

  /**
   * Records a cart's outcome. A cart checked out twice (concurrently, or a retry after an unknown)
   * keeps the most certain answer; two certain answers that differ are kept as a conflict.
   */
  private void record(Entry entry) {
    entries.merge(
        entry.cartId(),
        entry,
        (old, now) -> {
          if (old.outcome() == Outcome.UNKNOWN) {
            return now;
          }
          if (now.outcome() == Outcome.UNKNOWN) {
            return old;
          }
          if (old.outcome() != now.outcome() || old.orderId() != now.orderId()) {
            conflicts.add("cart " + entry.cartId() + " answered " + old + " and " + now);
          }
          return old;
        });
  }

  /** The buyer's cancellation of {@code orderId} answered 200: every part of it is canceled. */
  public void canceled(long orderId) {
    canceled.add(orderId);
    cancelsUnknown.remove(orderId);
  }

  /** The buyer's cancellation of {@code orderId} got no answer: it happened or not, whole. */
  public void cancelUnknown(long orderId) {
    if (!canceled.contains(orderId)) {
      cancelsUnknown.add(orderId);
    }
  }

  /** The orders whose cancellation answered 200. */
  public Set<Long> canceled() {
    return Set.copyOf(canceled);
  }

  /** The orders whose cancellation got no certain answer (and none answered 200 since). */
  public Set<Long> cancelsUnknown() {
    return Set.copyOf(cancelsUnknown);
  }

  /** Checkouts of one cart that answered differently: each one a violation. */
  public List<String> conflicts() {
    return List.copyOf(conflicts);
  }

  public Map<Long, Entry> entries() {
    return Map.copyOf(entries);
  }

  public long count(Outcome outcome) {
    return entries.values().stream().filter(e -> e.outcome() == outcome).count();
  }
}

package org.barebones.store.domain.usecase;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts per key within fixed windows of one length, each starting with its key's first count, in
 * memory that stays bounded. Not thread-safe: its owner holds one lock around each decision, so
 * that several counters can be checked and then counted as one atomic step.
 *
 * <p>Windows are kept in the order they started, and all have the same length, so the oldest is
 * also the first to end: dropping the ended ones costs a look at the head, never a scan. Past
 * {@code maxKeys}, the oldest window still running is forgotten (its key then starts afresh), so
 * memory is bounded at the price of a perfect count for a flood of more keys than that within one
 * window.
 */
final class WindowCounters {

  private final Duration window;
  private final int maxKeys;
  private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();

  private static final class Window {
    final Instant start;
    final Instant end;
    int count;

    Window(Instant start, Instant end) {
      this.start = start;
      this.end = end;
    }
  }

  WindowCounters(Duration window, int maxKeys) {
    if (window.isNegative() || window.isZero() || maxKeys < 1) {
      throw new IllegalArgumentException("window must be positive and maxKeys >= 1");
    }
    this.window = window;
    this.maxKeys = maxKeys;
  }

  /** How long until {@code key} may count again with {@code max} per window; zero if it may now. */
  Duration waitFor(String key, int max, Instant now) {
    Window w = live(key, now);
    if (w == null || w.count < max) {
      return Duration.ZERO;
    }
    return Duration.between(now, w.end);
  }

  /** Counts one for {@code key}; answers the start of the window it was counted in. */
  Instant count(String key, Instant now) {
    dropEnded(now);
    Window w = live(key, now);
    if (w == null) {
      windows.remove(key);
      w = new Window(now, now.plus(window));
      windows.put(key, w);
      if (windows.size() > maxKeys) {
        Iterator<Map.Entry<String, Window>> oldest = windows.entrySet().iterator();
        oldest.next();
        oldest.remove();
      }
    }
    w.count++;
    return w.start;
  }

  /** Takes back one count of {@code key}, if the window it was counted in still runs. */
  void uncount(String key, Instant windowStart) {
    Window w = windows.get(key);
    if (w != null && w.start.equals(windowStart) && w.count > 0) {
      w.count--;
    }
  }

  /** Keys remembered now (ended windows may linger until the next count). */
  int size() {
    return windows.size();
  }

  private Window live(String key, Instant now) {
    Window w = windows.get(key);
    return w == null || !w.end.isAfter(now) ? null : w;
  }

  private void dropEnded(Instant now) {
    Iterator<Window> it = windows.values().iterator();
    while (it.hasNext() && !it.next().end.isAfter(now)) {
      it.remove();
    }
  }
}

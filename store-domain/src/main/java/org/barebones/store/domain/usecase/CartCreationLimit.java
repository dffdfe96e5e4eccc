package org.barebones.store.domain.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.barebones.store.domain.shared.TooManyAttemptsException;

/**
 * Policy: one client address may open at most {@code maxPerAddress} carts per {@code window} (a
 * fixed window that starts with the address's first cart); past that, opening is refused until the
 * window has passed. Counts live in this process's memory, so each server node limits on its own,
 * and they stay bounded: at most {@code maxTrackedAddresses} addresses are remembered.
 */
public final class CartCreationLimit {

  /** Carts one address may open per window by default: about two a second, sustained. */
  public static final int DEFAULT_MAX_PER_ADDRESS = 120;

  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

  /**
   * Addresses remembered at most (about 10 MB of counters). Past it, windows that have ended are
   * dropped first; if a flood from that many addresses within one window leaves none to drop, half
   * of the counters are forgotten, which gives those addresses a fresh window: a flood from more
   * addresses than this is met with memory that stays bounded rather than with a perfect count.
   */
  public static final int DEFAULT_MAX_TRACKED_ADDRESSES = 100_000;

  private final Clock clock;
  private final int maxPerAddress;
  private final Duration window;
  private final int maxTrackedAddresses;
  private final Map<String, Opened> opened = new ConcurrentHashMap<>();

  private record Opened(Instant windowStart, int count) {}

  /**
   * @param maxPerAddress carts per address and window; 0 turns the limit off
   */
  public CartCreationLimit(Clock clock, int maxPerAddress, Duration window) {
    this(clock, maxPerAddress, window, DEFAULT_MAX_TRACKED_ADDRESSES);
  }

  public CartCreationLimit(
      Clock clock, int maxPerAddress, Duration window, int maxTrackedAddresses) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.window = Objects.requireNonNull(window, "window");
    if (maxPerAddress < 0 || window.isNegative() || window.isZero() || maxTrackedAddresses < 2) {
      throw new IllegalArgumentException(
          "maxPerAddress must be >= 0, window positive and maxTrackedAddresses >= 2");
    }
    this.maxPerAddress = maxPerAddress;
    this.maxTrackedAddresses = maxTrackedAddresses;
  }

  /** A limit that never refuses. */
  public static CartCreationLimit off() {
    return new CartCreationLimit(Clock.systemUTC(), 0, DEFAULT_WINDOW);
  }

  public boolean isOff() {
    return maxPerAddress == 0;
  }

  /**
   * Counts one cart opened from {@code address}, or throws {@link TooManyAttemptsException} (and
   * counts nothing) if that address has used up its window. An empty address (a caller outside any
   * server, such as an embedding service) is never limited.
   */
  public void acquire(String address) {
    Objects.requireNonNull(address, "address");
    if (isOff() || address.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    // ConcurrentHashMap runs the function once, atomically for the key.
    boolean[] refused = {false};
    Opened after =
        opened.compute(
            address,
            (k, o) -> {
              if (o == null || !o.windowStart().plus(window).isAfter(now)) {
                return new Opened(now, 1);
              }
              if (o.count() >= maxPerAddress) {
                // Not counted, so the window ends where Retry-After said it would.
                refused[0] = true;
                return o;
              }
              return new Opened(o.windowStart(), o.count() + 1);
            });
    if (refused[0]) {
      Duration wait = Duration.between(now, after.windowStart().plus(window));
      throw new TooManyAttemptsException(
          "Too many carts opened from this address; try again in "
              + Math.max(1, wait.toSeconds())
              + " s",
          wait);
    }
    if (opened.size() > maxTrackedAddresses) {
      forgetSome(now);
    }
  }

  /** How many addresses are remembered now (for tests and monitoring). */
  public int trackedAddresses() {
    return opened.size();
  }

  private void forgetSome(Instant now) {
    opened.values().removeIf(o -> !o.windowStart().plus(window).isAfter(now));
    if (opened.size() > maxTrackedAddresses) {
      Iterator<String> it = opened.keySet().iterator();
      int target = maxTrackedAddresses / 2;
      while (opened.size() > target && it.hasNext()) {
        it.next();
        it.remove();
      }
    }
  }
}

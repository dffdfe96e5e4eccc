package org.barebones.store.domain.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.barebones.store.domain.shared.TooManyAttemptsException;

/**
 * Policy: after {@code maxFailures} failed logins for one username, or from one origin, within
 * {@code window}, further attempts are refused until the window has passed. Counts live in this
 * process's memory, so each server node throttles on its own.
 */
public final class LoginThrottle {

  /** Above this many tracked keys, expired ones are swept, so an attack cannot grow memory. */
  private static final int SWEEP_THRESHOLD = 10_000;

  private final Clock clock;
  private final int maxFailures;
  private final Duration window;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  private record Failures(Instant windowStart, int count) {}

  public LoginThrottle(Clock clock, int maxFailures, Duration window) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.window = Objects.requireNonNull(window, "window");
    if (maxFailures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("maxFailures must be >= 1 and window positive");
    }
    this.maxFailures = maxFailures;
  }

  /** A throttle that never refuses. */
  public static LoginThrottle disabled() {
    return new LoginThrottle(Clock.systemUTC(), Integer.MAX_VALUE, Duration.ofSeconds(1));
  }

  /** Throws {@link TooManyAttemptsException} if either key has used up its failures. */
  public void checkAllowed(String username, String origin) {
    Instant now = clock.instant();
    Duration wait = waitFor(userKey(username), now);
    if (!origin.isEmpty()) {
      Duration originWait = waitFor(originKey(origin), now);
      wait = wait.compareTo(originWait) >= 0 ? wait : originWait;
    }
    if (!wait.isZero()) {
      throw new TooManyAttemptsException(
          "Too many failed logins; try again in " + Math.max(1, wait.toSeconds()) + " s", wait);
    }
  }

  public void recordFailure(String username, String origin) {
    Instant now = clock.instant();
    bump(userKey(username), now);
    if (!origin.isEmpty()) {
      bump(originKey(origin), now);
    }
    if (failures.size() > SWEEP_THRESHOLD) {
      failures.values().removeIf(f -> !f.windowStart().plus(window).isAfter(now));
    }
  }

  /** A successful login clears its username's failures (not its origin's). */
  public void recordSuccess(String username, String origin) {
    failures.remove(userKey(username));
  }

  private Duration waitFor(String key, Instant now) {
    Failures f = failures.get(key);
    if (f == null || f.count() < maxFailures) {
      return Duration.ZERO;
    }
    Instant end = f.windowStart().plus(window);
    return end.isAfter(now) ? Duration.between(now, end) : Duration.ZERO;
  }

  private void bump(String key, Instant now) {
    failures.compute(
        key,
        (k, f) ->
            f == null || !f.windowStart().plus(window).isAfter(now)
                ? new Failures(now, 1)
                : new Failures(f.windowStart(), f.count() + 1));
  }

  private static String userKey(String username) {
    return "u:" + username.toLowerCase(Locale.ROOT);
  }

  private static String originKey(String origin) {
    return "o:" + origin;
  }
}

package org.barebones.store.domain.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.barebones.store.domain.shared.TooManyAttemptsException;

/**
 * Policy: how many password checks that fail a login may be made, counted before each check so that
 * concurrent attempts cannot slip past it.
 *
 * <ul>
 *   <li>per client address: {@code maxFailures} per {@code window}, whatever the usernames;
 *   <li>per username, from addresses that have not logged in to it lately ("strangers", together):
 *       {@code maxFailures} per {@code window};
 *   <li>per username from anywhere (a backstop against many addresses, the producer's own
 *       included): {@code backstopMaxFailures} per {@code backstopWindow}.
 * </ul>
 *
 * <p>An attempt takes one from each of its counts before the password is checked, all at once or
 * not at all; a login that succeeds (or never reaches the check) gives them back. So however many
 * threads race, at most the configured number of checks fail per count and window. An address from
 * which a username logged in within {@link #KNOWN_FOR} is not a stranger to it: strangers guessing
 * from elsewhere do not lock the producer out there (only the backstop can).
 *
 * <p>Counts live in this process's memory, so each server node throttles on its own; they stay
 * bounded ({@code maxTrackedKeys} per kind of count), dropping ended windows first.
 */
public final class LoginThrottle {

  public static final int DEFAULT_MAX_FAILURES = 10;
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

  /** Keys remembered at most per kind of count (addresses, usernames, backstops, known pairs). */
  public static final int DEFAULT_MAX_TRACKED_KEYS = 100_000;

  /** How long an address stays known to a username after a successful login from it. */
  public static final Duration KNOWN_FOR = Duration.ofDays(30);

  /** Valid usernames are at most 64 characters; longer ones share one key, so keys stay small. */
  private static final int MAX_KEY_USERNAME = 65;

  private final Clock clock;
  private final int maxFailures;
  private final int backstopMaxFailures;
  private final boolean disabled;
  private final WindowCounters addresses;
  private final WindowCounters strangers;
  private final WindowCounters backstop;
  private final int maxTrackedKeys;
  private final Map<String, Instant> known;

  /**
   * {@code maxFailures} per address and per username from strangers, in {@code window}; the
   * backstop allows ten times as many per username in four times the window.
   */
  public LoginThrottle(Clock clock, int maxFailures, Duration window) {
    this(
        clock,
        maxFailures,
        window,
        (int) Math.min(Integer.MAX_VALUE, 10L * maxFailures),
        window.multipliedBy(4),
        DEFAULT_MAX_TRACKED_KEYS);
  }

  public LoginThrottle(
      Clock clock,
      int maxFailures,
      Duration window,
      int backstopMaxFailures,
      Duration backstopWindow,
      int maxTrackedKeys) {
    this(clock, maxFailures, window, backstopMaxFailures, backstopWindow, maxTrackedKeys, false);
  }

  private LoginThrottle(
      Clock clock,
      int maxFailures,
      Duration window,
      int backstopMaxFailures,
      Duration backstopWindow,
      int maxTrackedKeys,
      boolean disabled) {
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(backstopWindow, "backstopWindow");
    if (maxFailures < 1
        || backstopMaxFailures < maxFailures
        || window.isNegative()
        || window.isZero()
        || backstopWindow.compareTo(window) < 0
        || maxTrackedKeys < 1) {
      throw new IllegalArgumentException(
          "maxFailures must be >= 1, window positive, the backstop no stricter than the"
              + " throttle, and maxTrackedKeys >= 1");
    }
    this.maxFailures = maxFailures;
    this.backstopMaxFailures = backstopMaxFailures;
    this.disabled = disabled;
    this.maxTrackedKeys = maxTrackedKeys;
    this.addresses = new WindowCounters(window, maxTrackedKeys);
    this.strangers = new WindowCounters(window, maxTrackedKeys);
    this.backstop = new WindowCounters(backstopWindow, maxTrackedKeys);
    // Access order: the least recently confirmed pair is forgotten first.
    this.known = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** A throttle that never refuses. */
  public static LoginThrottle disabled() {
    return new LoginThrottle(
        Clock.systemUTC(),
        Integer.MAX_VALUE,
        Duration.ofSeconds(1),
        Integer.MAX_VALUE,
        Duration.ofSeconds(1),
        1,
        true);
  }

  /**
   * Reserves one failure of every count this attempt falls under, or throws {@link
   * TooManyAttemptsException} (reserving nothing) if any has none left. The caller then checks the
   * password and settles the attempt. {@code origin} is the client address; empty (an embedding
   * caller) is counted as a stranger with no address of its own.
   */
  public Attempt begin(String username, String origin) {
    Objects.requireNonNull(origin, "origin");
    if (disabled) {
      return new Attempt(null, null, List.of());
    }
    String user = userKey(username);
    synchronized (this) {
      Instant now = clock.instant();
      boolean stranger = origin.isEmpty() || !isKnown(user, origin, now);
      Duration wait = backstop.waitFor(user, backstopMaxFailures, now);
      if (!origin.isEmpty()) {
        wait = longer(wait, addresses.waitFor(origin, maxFailures, now));
      }
      if (stranger) {
        wait = longer(wait, strangers.waitFor(user, maxFailures, now));
      }
      if (!wait.isZero()) {
        throw new TooManyAttemptsException(
            "Too many failed logins; try again in " + Math.max(1, wait.toSeconds()) + " s", wait);
      }
      List<Taken> taken = new ArrayList<>(3);
      taken.add(new Taken(backstop, user, backstop.count(user, now)));
      if (!origin.isEmpty()) {
        taken.add(new Taken(addresses, origin, addresses.count(origin, now)));
      }
      if (stranger) {
        taken.add(new Taken(strangers, user, strangers.count(user, now)));
      }
      return new Attempt(user, origin, taken);
    }
  }

  /** Keys remembered now, of all kinds (for tests and monitoring). */
  public synchronized int trackedKeys() {
    return addresses.size() + strangers.size() + backstop.size() + known.size();
  }

  private record Taken(WindowCounters counters, String key, Instant windowStart) {}

  /** One login attempt that holds its reserved failures until it is settled. */
  public final class Attempt {
    private final String user;
    private final String origin;
    private final List<Taken> taken;
    private boolean settled;

    private Attempt(String user, String origin, List<Taken> taken) {
      this.user = user;
      this.origin = origin;
      this.taken = taken;
    }

    /** The password was right: the reserved failures are given back and the address is known. */
    public void succeeded() {
      synchronized (LoginThrottle.this) {
        if (settle()) {
          giveBack();
          if (origin != null && !origin.isEmpty()) {
            remember(user, origin, clock.instant());
          }
        }
      }
    }

    /** The password was wrong (or the username unknown): the reserved failures stay counted. */
    public void failed() {
      synchronized (LoginThrottle.this) {
        settle();
      }
    }

    /** No password was checked (the attempt broke off first): nothing is counted. */
    public void cancelled() {
      synchronized (LoginThrottle.this) {
        if (settle()) {
          giveBack();
        }
      }
    }

    private boolean settle() {
      if (settled) {
        return false;
      }
      settled = true;
      return true;
    }

    private void giveBack() {
      taken.forEach(t -> t.counters().uncount(t.key(), t.windowStart()));
    }
  }

  private boolean isKnown(String user, String origin, Instant now) {
    Instant since = known.get(pair(user, origin));
    return since != null && since.plus(KNOWN_FOR).isAfter(now);
  }

  private void remember(String user, String origin, Instant now) {
    known.put(pair(user, origin), now);
    if (known.size() > maxTrackedKeys) {
      var eldest = known.entrySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  private static String pair(String user, String origin) {
    return user + '\u0000' + origin;
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String userKey(String username) {
    String lower = Objects.requireNonNullElse(username, "").toLowerCase(Locale.ROOT);
    return lower.length() > MAX_KEY_USERNAME ? lower.substring(0, MAX_KEY_USERNAME) : lower;
  }
}

package org.barebones.store.domain.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.barebones.store.domain.shared.TooManyAttemptsException;

/**
 * Policy: one client address may sign up at most {@code maxPerAddress} producers per {@code window}
 * (a fixed window that starts with the address's first sign-up); past that, sign-ups are refused
 * until the window has passed. Each sign-up costs a slow password hash, so this bounds the CPU one
 * address can spend. Counts live in this process's memory (each server node limits on its own) and
 * stay bounded: at most {@code maxTrackedAddresses} addresses, ended windows dropped first.
 */
public final class SignUpLimit {

  /**
   * Sign-ups one address may make per window by default: a person signs up once, but an office, a
   * school or a test suite behind one address signs up many; a hundred hashes in ten minutes cost
   * one core well under a minute, and the password hashing gate keeps them to one core at most.
   */
  public static final int DEFAULT_MAX_PER_ADDRESS = 100;

  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

  public static final int DEFAULT_MAX_TRACKED_ADDRESSES = 100_000;

  private final Clock clock;
  private final int maxPerAddress;
  private final WindowCounters counters;

  /**
   * @param maxPerAddress sign-ups per address and window; 0 turns the limit off
   */
  public SignUpLimit(Clock clock, int maxPerAddress, Duration window) {
    this(clock, maxPerAddress, window, DEFAULT_MAX_TRACKED_ADDRESSES);
  }

  public SignUpLimit(Clock clock, int maxPerAddress, Duration window, int maxTrackedAddresses) {
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(window, "window");
    if (maxPerAddress < 0) {
      throw new IllegalArgumentException("maxPerAddress must be >= 0");
    }
    this.maxPerAddress = maxPerAddress;
    this.counters = new WindowCounters(window, maxTrackedAddresses);
  }

  /** The default limit on the system clock. */
  public static SignUpLimit defaults() {
    return new SignUpLimit(Clock.systemUTC(), DEFAULT_MAX_PER_ADDRESS, DEFAULT_WINDOW);
  }

  /** A limit that never refuses. */
  public static SignUpLimit off() {
    return new SignUpLimit(Clock.systemUTC(), 0, DEFAULT_WINDOW, 1);
  }

  public boolean isOff() {
    return maxPerAddress == 0;
  }

  /**
   * Counts one sign-up from {@code address}, or throws {@link TooManyAttemptsException} (counting
   * nothing) if that address has used up its window. An empty address (a caller outside any server,
   * such as an embedding service) is never limited. The answer gives the count back should the
   * sign-up break off before its hash.
   */
  public Runnable acquire(String address) {
    Objects.requireNonNull(address, "address");
    if (isOff() || address.isEmpty()) {
      return () -> {};
    }
    synchronized (this) {
      Instant now = clock.instant();
      Duration wait = counters.waitFor(address, maxPerAddress, now);
      if (!wait.isZero()) {
        throw new TooManyAttemptsException(
            "Too many sign-ups from this address; try again in "
                + Math.max(1, wait.toSeconds())
                + " s",
            wait);
      }
      Instant start = counters.count(address, now);
      return () -> {
        synchronized (this) {
          counters.uncount(address, start);
        }
      };
    }
  }

  /** How many addresses are remembered now (for tests and monitoring). */
  public synchronized int trackedAddresses() {
    return counters.size();
  }
}

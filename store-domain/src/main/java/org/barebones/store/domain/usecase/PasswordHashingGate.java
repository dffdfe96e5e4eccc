package org.barebones.store.domain.usecase;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.barebones.store.domain.shared.TooManyAttemptsException;

/**
 * Policy: at most {@code maxConcurrent} slow password hashes (sign-up and log-in) run at once in
 * this process, and at most {@code maxConcurrentPerAddress} of them for one client address; the
 * others wait their turn, first come first served, for at most {@code maxWait}, then are refused
 * (429). So a flood of sign-ups or log-ins holds at most that many cores, and one address's queue
 * waits behind its own hashes, not in front of everyone else's.
 */
public final class PasswordHashingGate {

  public static final int DEFAULT_MAX_CONCURRENT_PER_ADDRESS = 1;

  /**
   * Long enough for an address's share of work within its limits (its sign-ups and log-in failures
   * of one window, one after another), so a wait is not refused while the limits allow it.
   */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(20);

  private final int maxConcurrent;
  private final int maxConcurrentPerAddress;
  private final long maxWaitNanos;
  private final Semaphore hashing;
  private final Map<String, Integer> perAddress = new HashMap<>();

  /**
   * @param maxConcurrent hashes at once in all; 0 means no bound
   * @param maxConcurrentPerAddress hashes at once for one address; 0 means no bound
   */
  public PasswordHashingGate(int maxConcurrent, int maxConcurrentPerAddress, Duration maxWait) {
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxConcurrent < 0 || maxConcurrentPerAddress < 0 || maxWait.isNegative()) {
      throw new IllegalArgumentException("bounds must be >= 0 and maxWait not negative");
    }
    this.maxConcurrent = maxConcurrent;
    this.maxConcurrentPerAddress = maxConcurrentPerAddress;
    this.maxWaitNanos = maxWait.toNanos();
    this.hashing = new Semaphore(Math.max(1, maxConcurrent), true);
  }

  /** Every core but one, so that one stays free for the requests that do not hash. */
  public static int defaultMaxConcurrent() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  }

  public static PasswordHashingGate defaults() {
    return new PasswordHashingGate(
        defaultMaxConcurrent(), DEFAULT_MAX_CONCURRENT_PER_ADDRESS, DEFAULT_MAX_WAIT);
  }

  /** A gate that lets everything through at once. */
  public static PasswordHashingGate open() {
    return new PasswordHashingGate(0, 0, Duration.ZERO);
  }

  /**
   * Runs {@code hash} once a place is free for {@code address} (empty: no address, only the overall
   * bound applies), or throws {@link TooManyAttemptsException} when none came within the wait.
   */
  public <T> T run(String address, Supplier<T> hash) {
    Objects.requireNonNull(address, "address");
    long deadline = System.nanoTime() + maxWaitNanos;
    boolean perAddressHeld = false;
    boolean hashingHeld = false;
    try {
      if (maxConcurrentPerAddress > 0 && !address.isEmpty()) {
        enterAddress(address, deadline);
        perAddressHeld = true;
      }
      if (maxConcurrent > 0) {
        if (!hashing.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          throw busy();
        }
        hashingHeld = true;
      }
      return hash.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy();
    } finally {
      if (hashingHeld) {
        hashing.release();
      }
      if (perAddressHeld) {
        leaveAddress(address);
      }
    }
  }

  /** Hashes running or waiting for a place of their address now, by address (for tests). */
  public synchronized int addressesInFlight() {
    return perAddress.size();
  }

  private synchronized void enterAddress(String address, long deadline)
      throws InterruptedException {
    while (perAddress.getOrDefault(address, 0) >= maxConcurrentPerAddress) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw busy();
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    perAddress.merge(address, 1, Integer::sum);
  }

  private synchronized void leaveAddress(String address) {
    // Removed at zero, so the map holds only addresses with a hash in flight.
    perAddress.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
    notifyAll();
  }

  private static TooManyAttemptsException busy() {
    return new TooManyAttemptsException(
        "Too many password checks at once; try again in 1 s", Duration.ofSeconds(1));
  }
}

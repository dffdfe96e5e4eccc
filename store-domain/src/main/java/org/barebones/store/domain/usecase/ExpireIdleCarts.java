package org.barebones.store.domain.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.barebones.store.domain.port.CartMetrics;
import org.barebones.store.domain.port.CartRepository;

/**
 * Use case: deletes the open carts nobody has changed for the idle lifetime, with their lines, in
 * small batches (each its own short unit of work, so a sweep never holds many carts at once).
 * Checked-out carts and orders stay. Safe to run on several nodes at once: a batch skips the carts
 * another node's batch or a request holds.
 */
public final class ExpireIdleCarts {

  /** Carts deleted per unit of work by default: small enough to hold few locks for little time. */
  public static final int DEFAULT_BATCH_SIZE = 100;

  private final CartRepository carts;
  private final Clock clock;
  private final Duration idleLifetime;
  private final int batchSize;
  private final CartMetrics metrics;

  public ExpireIdleCarts(
      CartRepository carts,
      Clock clock,
      Duration idleLifetime,
      int batchSize,
      CartMetrics metrics) {
    this.carts = Objects.requireNonNull(carts, "carts");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.idleLifetime = Objects.requireNonNull(idleLifetime, "idleLifetime");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    if (idleLifetime.isNegative() || idleLifetime.isZero() || batchSize < 1) {
      throw new IllegalArgumentException("idleLifetime must be positive and batchSize >= 1");
    }
    this.batchSize = batchSize;
  }

  public Duration idleLifetime() {
    return idleLifetime;
  }

  /** Deletes one batch of idle carts; returns how many it deleted. */
  public int expireBatch() {
    Instant changedBefore = clock.instant().minus(idleLifetime);
    int deleted = carts.deleteIdleOpenCarts(changedBefore, batchSize);
    if (deleted > 0) {
      metrics.expired(deleted);
    }
    return deleted;
  }

  /**
   * Deletes idle carts batch after batch until a batch finds fewer than it may take (the rest are
   * held by others, or there are none), or {@code maxBatches} have run; returns how many it
   * deleted.
   */
  public int expireAll(int maxBatches) {
    int total = 0;
    for (int i = 0; i < maxBatches; i++) {
      int deleted = expireBatch();
      total += deleted;
      if (deleted < batchSize) {
        break;
      }
    }
    return total;
  }
}

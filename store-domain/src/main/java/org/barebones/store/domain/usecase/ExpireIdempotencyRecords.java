package org.barebones.store.domain.usecase;

import java.time.Clock;
import java.util.Objects;
import org.barebones.store.domain.port.IdempotencyRecords;

/**
 * Use case: deletes the idempotency records whose retention has passed, in small batches (each its
 * own short unit of work). Safe to run on several nodes at once: a batch skips the records another
 * node's batch or a request holds.
 */
public final class ExpireIdempotencyRecords {

  /** Records deleted per unit of work by default. */
  public static final int DEFAULT_BATCH_SIZE = 100;

  private final IdempotencyRecords records;
  private final Clock clock;
  private final int batchSize;

  public ExpireIdempotencyRecords(IdempotencyRecords records, Clock clock, int batchSize) {
    this.records = Objects.requireNonNull(records, "records");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1");
    }
    this.batchSize = batchSize;
  }

  /** Deletes one batch of expired records; returns how many it deleted. */
  public int expireBatch() {
    return records.deleteExpired(clock.instant(), batchSize);
  }

  /**
   * Deletes expired records batch after batch until a batch finds fewer than it may take, or {@code
   * maxBatches} have run; returns how many it deleted.
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

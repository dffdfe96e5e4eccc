package org.barebones.store.domain.event;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import org.barebones.store.domain.port.EventOutbox;

/**
 * Use case: keeps the outbox in step with the configuration and within its retention. Deliveries to
 * a target that is no longer configured are abandoned (kept, listed, no longer waiting), and those
 * of a target configured again are re-queued; deliveries settled longer than {@code retention} ago,
 * and events no delivery refers to any more, are deleted, a bounded batch per unit of work. Any
 * number of nodes may run it at once over one database.
 */
public final class OutboxHousekeeping {

  /** The default retention of settled deliveries and their events: a week. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

  /** The default number of rows deleted per unit of work. */
  public static final int DEFAULT_BATCH_SIZE = 500;

  /** What one run did. */
  public record Result(int abandoned, int requeued, int purged) {}

  private final EventOutbox outbox;
  private final Set<String> targets;
  private final Clock clock;
  private final Duration retention;
  private final int batchSize;

  /**
   * @param targets the names of every configured target (every node of one database must have the
   *     same)
   * @param retention how long settled deliveries are kept; zero keeps them for ever
   */
  public OutboxHousekeeping(
      EventOutbox outbox,
      Collection<String> targets,
      Clock clock,
      Duration retention,
      int batchSize) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.targets = Set.copyOf(targets);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
    this.batchSize = batchSize;
  }

  /**
   * One run: abandons and re-queues by the configuration, then deletes what has outlived the
   * retention, at most {@code maxBatches} batches (so that a run over a huge backlog still ends).
   */
  public Result run(int maxBatches) {
    var now = clock.instant();
    int requeued = targets.isEmpty() ? 0 : outbox.requeueAbandoned(targets, now);
    int abandoned = outbox.abandonUnconfigured(targets, now);
    int purged = 0;
    if (!retention.isZero()) {
      var before = now.minus(retention);
      for (int i = 0; i < maxBatches; i++) {
        int deleted = outbox.purge(before, batchSize);
        purged += deleted;
        if (deleted == 0) {
          break;
        }
      }
    }
    return new Result(abandoned, requeued, purged);
  }
}

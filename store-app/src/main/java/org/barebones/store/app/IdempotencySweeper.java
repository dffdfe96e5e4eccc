package org.barebones.store.app;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.barebones.store.domain.usecase.ExpireIdempotencyRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background job: on one scheduled thread of its own, deletes the idempotency records whose
 * retention has passed, batch after batch, from the server's start to its stop. Several nodes may
 * run it over one database at once: each batch skips the records another node's batch holds.
 */
final class IdempotencySweeper implements Managed {

  private static final Logger LOG = LoggerFactory.getLogger(IdempotencySweeper.class);

  /** Batches per run at most, so that one run over a huge backlog still ends. */
  static final int MAX_BATCHES_PER_RUN = 1_000;

  private final ExpireIdempotencyRecords expire;
  private final Duration interval;
  private ScheduledExecutorService scheduler;

  IdempotencySweeper(ExpireIdempotencyRecords expire, Duration interval) {
    this.expire = Objects.requireNonNull(expire, "expire");
    this.interval = Objects.requireNonNull(interval, "interval");
  }

  @Override
  public void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "idempotency-sweeper");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::sweepOnce, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** One run; never throws, so that a database outage does not end the schedule. */
  int sweepOnce() {
    try {
      int deleted = expire.expireAll(MAX_BATCHES_PER_RUN);
      if (deleted > 0) {
        LOG.info("Deleted {} expired idempotency record(s)", deleted);
      }
      return deleted;
    } catch (RuntimeException e) {
      LOG.warn("Idempotency record sweep failed; trying again in {}: {}", interval, e.toString());
      return 0;
    }
  }

  @Override
  public void stop() throws InterruptedException {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}

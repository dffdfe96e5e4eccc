package org.barebones.store.app;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.barebones.store.domain.usecase.ExpireIdempotencyRecords;
import org.barebones.store.domain.usecase.ExpireIdleCarts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background job: on one scheduled thread of its own, deletes what has expired (idle carts, old
 * idempotency records), batch after batch, every interval from the server's start to its stop.
 * Several nodes may run it over one database at once: each batch skips the rows another node's
 * batch holds.
 */
final class Sweeper implements Managed {

  private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

  /** Batches per run at most, so that one run over a huge backlog still ends and lets others in. */
  static final int MAX_BATCHES_PER_RUN = 1_000;

  private final String name;
  private final String what;
  private final IntUnaryOperator sweep;
  private final Duration interval;
  private ScheduledExecutorService scheduler;

  /**
   * @param name the thread's name
   * @param what what is deleted, for the log ("idle cart(s)")
   * @param sweep deletes up to the given number of batches and answers how many rows it deleted
   */
  Sweeper(String name, String what, IntUnaryOperator sweep, Duration interval) {
    this.name = Objects.requireNonNull(name, "name");
    this.what = Objects.requireNonNull(what, "what");
    this.sweep = Objects.requireNonNull(sweep, "sweep");
    this.interval = Objects.requireNonNull(interval, "interval");
  }

  static Sweeper idleCarts(ExpireIdleCarts expire, Duration interval) {
    return new Sweeper("cart-sweeper", "idle cart(s)", expire::expireAll, interval);
  }

  static Sweeper idempotencyRecords(ExpireIdempotencyRecords expire, Duration interval) {
    return new Sweeper(
        "idempotency-sweeper", "expired idempotency record(s)", expire::expireAll, interval);
  }

  @Override
  public void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, name);
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::sweepOnce, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** One run; never throws, so that a database outage does not end the schedule. */
  int sweepOnce() {
    try {
      int deleted = sweep.applyAsInt(MAX_BATCHES_PER_RUN);
      if (deleted > 0) {
        LOG.info("Deleted {} {}", deleted, what);
      }
      return deleted;
    } catch (RuntimeException e) {
      LOG.warn("Sweep of {} failed; trying again in {}: {}", what, interval, e.toString());
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

package org.barebones.store.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Runs a task from many threads for a while and records each call's latency in an HdrHistogram.
 * Closed loop by default: each thread calls again as soon as its call returns, so the latency is
 * service time under that concurrency. With a rate, open loop: each thread's calls are due on a
 * fixed schedule and a call's latency runs from when it was due, not from when it started, so a
 * stall is charged to every call it delayed (the coordinated-omission correction).
 */
final class Load {

  /** One call of the work; answers its status, or {@link #DRY} when there is no more work. */
  @FunctionalInterface
  interface Task {
    int call(long sequence) throws Exception;
  }

  static final int DRY = Integer.MIN_VALUE;

  /** Latency in ns (statuses outside 200-399 are errors); where known, CPU µs per request. */
  record Result(
      String name,
      int connections,
      long requests,
      long errors,
      double seconds,
      Histogram latency,
      Double serverCpu,
      Double clientCpu) {

    Result withCpu(Double server, Double client) {
      return new Result(name, connections, requests, errors, seconds, latency, server, client);
    }

    double perSecond() {
      return requests / seconds;
    }

    double percentileMillis(double p) {
      return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(p) / 1e6;
    }

    double p50() {
      return percentileMillis(50);
    }

    double p99() {
      return percentileMillis(99);
    }
  }

  private Load() {}

  /** A closed-loop run. */
  static Result run(String name, int threads, Duration warmup, Duration duration, Task task)
      throws InterruptedException {
    return run(name, threads, 0, warmup, duration, task);
  }

  /**
   * A run at {@code perSecond} calls per second over all threads (open loop), or closed loop when
   * it is 0; it ends after {@code warmup} + {@code duration} or when the task runs dry.
   */
  static Result run(
      String name, int threads, double perSecond, Duration warmup, Duration duration, Task task)
      throws InterruptedException {
    AtomicLong sequence = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long from = start + warmup.toNanos();
    long to = from + duration.toNanos();
    AtomicLong lastFinish = new AtomicLong(from);
    long interval = perSecond > 0 ? (long) (threads * 1e9 / perSecond) : 0;
    List<Histogram> histograms = new ArrayList<>();
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Histogram mine = new Histogram(3);
      histograms.add(mine);
      long offset = interval * t / threads;
      Thread thread =
          new Thread(
              () -> {
                long due = start + offset;
                while (true) {
                  long now = System.nanoTime();
                  if (now >= to) {
                    return;
                  }
                  if (interval > 0 && now < due) {
                    // Open loop: wait for this thread's next call to fall due.
                    LockSupport.parkNanos(due - now);
                    continue;
                  }
                  long began = interval > 0 ? due : now;
                  int status;
                  try {
                    status = task.call(sequence.getAndIncrement());
                  } catch (Exception e) {
                    status = -1;
                  }
                  if (status == DRY) {
                    return;
                  }
                  long finished = System.nanoTime();
                  // Open loop: a call due in the window counts even if a stall ends it later.
                  if (began >= from && (interval > 0 ? began < to : finished <= to)) {
                    if (status >= 200 && status < 400) {
                      mine.recordValue(Math.max(1, finished - began));
                    } else {
                      errors.incrementAndGet();
                    }
                    lastFinish.accumulateAndGet(finished, Math::max);
                  }
                  due += interval;
                }
              },
              "load-" + t);
      thread.setDaemon(true);
      thread.start();
      running.add(thread);
    }
    for (Thread thread : running) {
      thread.join();
    }
    Histogram all = new Histogram(3);
    histograms.forEach(all::add);
    double seconds = Math.max(1e-9, (Math.min(to, lastFinish.get()) - from) / 1e9);
    return new Result(name, threads, all.getTotalCount(), errors.get(), seconds, all, null, null);
  }
}

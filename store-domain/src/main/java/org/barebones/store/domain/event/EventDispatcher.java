package org.barebones.store.domain.event;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.barebones.store.domain.port.EventOutbox;

/**
 * Use case: delivers the outbox's events to their targets, at least once. A loop thread claims due
 * deliveries (never more than there are free workers) and hands each to a small fixed pool of
 * workers, which call the target and settle the delivery: delivered, retried later by the {@link
 * DeliveryPolicy}, or failed. Nothing here runs on a request's thread, so a slow or failing target
 * delays only its own deliveries.
 *
 * <p>{@link #deliverDue()} runs one pass on the calling thread instead (for tests and tools).
 */
public final class EventDispatcher implements AutoCloseable {

  /**
   * How the dispatcher works: at most {@code concurrency} deliveries in flight, claims of at most
   * {@code batchSize}, and a look for due deliveries every {@code pollInterval} when idle.
   */
  public record Settings(int concurrency, int batchSize, Duration pollInterval) {
    public static final Settings DEFAULT = new Settings(4, 32, Duration.ofMillis(250));

    public Settings {
      Objects.requireNonNull(pollInterval, "pollInterval");
      if (concurrency < 1 || batchSize < 1) {
        throw new IllegalArgumentException("concurrency and batchSize must be at least 1");
      }
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("pollInterval must be positive");
      }
    }
  }

  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());
  private static final int MAX_ERROR_LENGTH = 500;

  /** The longest wait between claims while they fail (the database is away). */
  private static final Duration MAX_CLAIM_BACKOFF = Duration.ofSeconds(5);

  private final EventOutbox outbox;
  private final Map<String, EventTarget> targets;
  private final DeliveryPolicy policy;
  private final Clock clock;
  private final Settings settings;
  private final DeliveryObserver observer;
  private final Semaphore free;
  private final Object signal = new Object();
  private boolean woken; // guarded by signal
  private ExecutorService workers; // guarded by this
  private Thread loop; // guarded by this
  private volatile boolean running;

  public EventDispatcher(
      EventOutbox outbox,
      List<EventTarget> targets,
      DeliveryPolicy policy,
      Clock clock,
      Settings settings,
      DeliveryObserver observer) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    Map<String, EventTarget> byName = new LinkedHashMap<>();
    for (EventTarget target : targets) {
      if (byName.putIfAbsent(target.name(), target) != null) {
        throw new IllegalArgumentException("two event targets are named " + target.name());
      }
    }
    this.targets = Map.copyOf(byName);
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.free = new Semaphore(settings.concurrency());
  }

  /** Starts the loop and the workers; does nothing if there is no target or it already runs. */
  public synchronized void start() {
    if (running || targets.isEmpty()) {
      return;
    }
    running = true;
    AtomicInteger n = new AtomicInteger();
    workers =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            r -> {
              Thread t = new Thread(r, "store-event-delivery-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    loop = new Thread(this::runLoop, "store-event-dispatcher");
    loop.setDaemon(true);
    loop.start();
  }

  /** Asks the loop to look for due deliveries now rather than at its next poll. */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  public boolean isRunning() {
    return running;
  }

  /** The names of the targets it delivers to. */
  public Set<String> targetNames() {
    return targets.keySet();
  }

  /**
   * Stops claiming, and waits a little for the deliveries in flight; any still unsettled come due
   * again when their lease runs out (that is the at-least-once part).
   */
  @Override
  public void close() {
    Thread stoppedLoop;
    ExecutorService stoppedWorkers;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      stoppedLoop = loop;
      stoppedWorkers = workers;
    }
    stoppedLoop.interrupt();
    stoppedWorkers.shutdown();
    try {
      stoppedLoop.join(TimeUnit.SECONDS.toMillis(5));
      if (!stoppedWorkers.awaitTermination(5, TimeUnit.SECONDS)) {
        stoppedWorkers.shutdownNow();
      }
    } catch (InterruptedException e) {
      stoppedWorkers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One pass on the calling thread: claims the deliveries due now (up to a batch) and attempts
   * each.
   *
   * @return how many were attempted
   */
  public int deliverDue() {
    if (targets.isEmpty()) {
      return 0;
    }
    List<Delivery> claimed =
        outbox.claim(targets.keySet(), clock.instant(), policy.lease(), settings.batchSize());
    claimed.forEach(this::attempt);
    return claimed.size();
  }

  private void runLoop() {
    int failedClaims = 0;
    while (running) {
      try {
        free.acquire(); // wait for at least one idle worker
        int slots = 1 + free.drainPermits();
        List<Delivery> claimed;
        try {
          claimed =
              outbox.claim(
                  targets.keySet(),
                  clock.instant(),
                  policy.lease(),
                  Math.min(slots, settings.batchSize()));
        } catch (RuntimeException e) {
          free.release(slots);
          failedClaims++;
          // One warning when claims start failing (then one per 100), not one per poll.
          if (failedClaims == 1 || failedClaims % 100 == 0) {
            LOG.log(
                Level.WARNING,
                "Could not claim event deliveries ({0} time(s) in a row); retrying: {1}",
                failedClaims,
                e.toString());
          }
          pause(backoff(failedClaims));
          continue;
        }
        if (failedClaims > 0) {
          LOG.log(Level.INFO, "Claiming event deliveries works again");
          failedClaims = 0;
        }
        free.release(slots - claimed.size());
        for (Delivery delivery : claimed) {
          workers.execute(
              () -> {
                try {
                  attempt(delivery);
                } finally {
                  free.release();
                }
              });
        }
        if (claimed.isEmpty()) {
          pause(settings.pollInterval());
        }
      } catch (InterruptedException e) {
        return; // closing
      } catch (RuntimeException e) { // a rejected execution while closing, or a bug: keep going
        if (running) {
          LOG.log(Level.ERROR, "Event dispatcher loop failed; continuing", e);
        }
      }
    }
  }

  /** The poll interval, doubling with each failed claim in a row, up to a few seconds. */
  private Duration backoff(int failedClaims) {
    Duration wait = settings.pollInterval().multipliedBy(1L << Math.min(failedClaims, 10));
    return wait.compareTo(MAX_CLAIM_BACKOFF) > 0 ? MAX_CLAIM_BACKOFF : wait;
  }

  private void pause(Duration wait) throws InterruptedException {
    synchronized (signal) {
      if (!woken) {
        signal.wait(Math.max(1, wait.toMillis()));
      }
      woken = false;
    }
  }

  /** One attempt of a claimed delivery, settled in the outbox. */
  private void attempt(Delivery delivery) {
    EventTarget target = targets.get(delivery.target());
    String error = null;
    try {
      target.listener().onEvent(delivery.event());
    } catch (InterruptedException e) {
      interrupted(delivery);
      return;
    } catch (Exception e) {
      if (Thread.currentThread().isInterrupted()) {
        interrupted(delivery); // the listener kept the interrupt but failed because of it
        return;
      }
      error = describe(e);
    }
    try {
      settle(delivery, error);
    } catch (RuntimeException e) {
      // The delivery stays claimed until its lease runs out, then it is attempted again.
      LOG.log(
          Level.WARNING,
          "Could not settle delivery {0} to {1}; it comes due again after its lease: {2}",
          delivery.id(),
          EventTarget.redact(delivery.target()),
          e.toString());
    }
  }

  /**
   * The attempt was cut short by an interrupt (the dispatcher is closing): that is no failure of
   * the target, so no attempt is counted; the delivery stays claimed until its lease ends and then
   * comes due again, here or on another node. The interrupt is kept for the worker's owner.
   */
  private static void interrupted(Delivery delivery) {
    Thread.currentThread().interrupt();
    LOG.log(
        Level.DEBUG,
        "Delivery {0} to {1} was interrupted; it comes due again after its lease",
        delivery.id(),
        EventTarget.redact(delivery.target()));
  }

  private void settle(Delivery delivery, String error) {
    Instant now = clock.instant();
    if (error == null) {
      if (outbox.markDelivered(delivery, now)) {
        observer.delivered(delivery);
      }
      return;
    }
    int failedAttempts = delivery.attempts() + 1;
    Optional<Instant> next =
        policy.nextAttempt(
            failedAttempts, delivery.queuedAt(), now, ThreadLocalRandom.current()::nextDouble);
    if (next.isPresent()) {
      if (outbox.markRetry(delivery, next.get(), error)) {
        observer.retried(delivery);
      }
      LOG.log(
          Level.DEBUG,
          "Delivery {0} of {1} to {2} failed (attempt {3}), retry at {4}: {5}",
          delivery.id(),
          delivery.event().id(),
          EventTarget.redact(delivery.target()),
          failedAttempts,
          next.get(),
          error);
    } else {
      if (outbox.markFailed(delivery, now, error)) {
        observer.failed(delivery);
      }
      LOG.log(
          Level.WARNING,
          "Delivery {0} of {1} to {2} failed after {3} attempts and is kept as failed: {4}",
          delivery.id(),
          delivery.event().id(),
          EventTarget.redact(delivery.target()),
          failedAttempts,
          error);
    }
  }

  private static String describe(Exception e) {
    String text =
        e.getMessage() == null
            ? e.getClass().getSimpleName()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
  }
}

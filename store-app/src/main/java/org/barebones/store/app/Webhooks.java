package org.barebones.store.app;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.event.Delivery;
import org.barebones.store.domain.event.DeliveryObserver;
import org.barebones.store.domain.event.EventTarget;
import org.barebones.store.domain.event.FailedDelivery;
import org.barebones.store.domain.event.OutboxHousekeeping;
import org.barebones.store.domain.event.OutboxStats;
import org.barebones.store.domain.port.EventOutbox;
import org.barebones.store.http.webhook.WebhookEndpoint;
import org.barebones.store.http.webhook.WebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's webhook delivery: turns {@link WebhooksConfiguration} into event targets of the
 * store, and once the store is built, runs its dispatcher as a Dropwizard {@link Managed}, with
 * metrics ({@code store.webhooks.*}), a {@code webhooks} health check and a {@code webhooks} admin
 * task that lists failed deliveries and re-queues them.
 */
final class Webhooks {
  static final String METRICS = "store.webhooks.deliveries";

  /** The health check's name, for a {@code health} section that marks it not critical. */
  static final String HEALTH_CHECK = "webhooks";

  /** Housekeeping batches per run at most, so that a run over a huge backlog still ends. */
  static final int MAX_BATCHES_PER_RUN = 100;

  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

  /** The stats query runs at most this often, however often the gauges are read. */
  private static final Duration STATS_TTL = Duration.ofSeconds(1);

  private final WebhooksConfiguration config;
  private final Clock clock;
  private final Counter succeeded;
  private final Counter retried;
  private final Counter markedFailed;

  private Webhooks(WebhooksConfiguration config, MetricRegistry metrics, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.succeeded = metrics.counter(METRICS + ".succeeded");
    this.retried = metrics.counter(METRICS + ".retried");
    this.markedFailed = metrics.counter(METRICS + ".marked-failed");
  }

  /** Adds the configured endpoints and delivery settings to {@code builder}. */
  static Webhooks configure(
      Store.Builder builder,
      WebhooksConfiguration config,
      Environment environment,
      ObjectMapper json,
      Clock clock) {
    Webhooks webhooks = new Webhooks(config, environment.metrics(), clock);
    HttpClient client = WebhookSender.httpClient(config.getConnectTimeout().toJavaDuration());
    for (WebhookEndpointConfiguration endpointConfig : config.getEndpoints()) {
      WebhookEndpoint endpoint = endpointConfig.build();
      builder.eventTarget(
          new WebhookSender(endpoint, client, json, config.getTimeout().toJavaDuration(), clock)
              .target());
      LOG.info("Webhook endpoint {} subscribes to {}", endpoint.redactedUrl(), endpoint.events());
    }
    builder
        .deliveryPolicy(config.policy())
        .dispatchSettings(config.dispatchSettings())
        .deliveryObserver(webhooks.observer());
    return webhooks;
  }

  private DeliveryObserver observer() {
    return new DeliveryObserver() {
      @Override
      public void delivered(Delivery delivery) {
        succeeded.inc();
      }

      @Override
      public void retried(Delivery delivery) {
        retried.inc();
      }

      @Override
      public void failed(Delivery delivery) {
        markedFailed.inc();
      }
    };
  }

  /**
   * Registers the dispatcher's lifecycle, gauges, health check and admin task for {@code store}.
   */
  void attach(Environment environment, Store store) {
    EventOutbox outbox = store.persistence().events();
    CachedStats stats = new CachedStats(outbox, clock);
    MetricRegistry metrics = environment.metrics();
    metrics.registerGauge(METRICS + ".pending", () -> stats.get().pending());
    metrics.registerGauge(METRICS + ".failed", () -> stats.get().failed());
    metrics.registerGauge(METRICS + ".abandoned", () -> stats.get().abandoned());
    metrics.register(
        METRICS + ".oldest-pending-age-seconds",
        (Gauge<Long>)
            () ->
                stats
                    .get()
                    .oldestPending()
                    .map(at -> Math.max(0, Duration.between(at, clock.instant()).toSeconds()))
                    .orElse(0L));
    environment
        .healthChecks()
        .register(
            HEALTH_CHECK,
            new PendingAgeCheck(outbox, clock, config.getMaxPendingAge().toJavaDuration()));
    environment.admin().addTask(new WebhooksTask(store, clock));
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void start() {
                store.start();
              }

              @Override
              public void stop() {
                store.close();
              }
            });
    environment
        .lifecycle()
        .manage(
            new Housekeeper(
                store.outboxHousekeeping(), config.getHousekeepingInterval().toJavaDuration()));
  }

  /**
   * Background job: on a scheduled thread of its own, from the server's start (a first run at once)
   * to its stop, runs the outbox's housekeeping: abandons and re-queues deliveries by the
   * configuration, deletes what outlived {@code webhooks.retention}. Safe on many nodes at once.
   */
  static final class Housekeeper implements Managed {
    private final OutboxHousekeeping housekeeping;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    Housekeeper(OutboxHousekeeping housekeeping, Duration interval) {
      this.housekeeping = Objects.requireNonNull(housekeeping, "housekeeping");
      this.interval = Objects.requireNonNull(interval, "interval");
    }

    @Override
    public void start() {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "outbox-housekeeping");
                thread.setDaemon(true);
                return thread;
              });
      scheduler.scheduleWithFixedDelay(
          this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One run; never throws, so that a database outage does not end the schedule. */
    void runOnce() {
      try {
        OutboxHousekeeping.Result done = housekeeping.run(MAX_BATCHES_PER_RUN);
        if (done.abandoned() > 0) {
          LOG.warn(
              "Abandoned {} webhook deliveries: their endpoints are no longer configured"
                  + " (listed by POST /tasks/webhooks; re-queued if they come back)",
              done.abandoned());
        }
        if (done.requeued() > 0) {
          LOG.info("Re-queued {} abandoned deliveries: their endpoints are back", done.requeued());
        }
        if (done.purged() > 0) {
          LOG.info("Deleted {} outbox rows older than the retention", done.purged());
        }
      } catch (RuntimeException e) {
        LOG.warn("Outbox housekeeping failed; trying again in {}: {}", interval, e.toString());
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

  /** The outbox's stats, read again once they are older than {@link #STATS_TTL}. */
  private static final class CachedStats {
    private record Snapshot(OutboxStats stats, Instant at) {}

    private final EventOutbox outbox;
    private final Clock clock;
    private final AtomicReference<Snapshot> last = new AtomicReference<>();

    CachedStats(EventOutbox outbox, Clock clock) {
      this.outbox = outbox;
      this.clock = clock;
    }

    OutboxStats get() {
      Snapshot s = last.get();
      Instant now = clock.instant();
      if (s == null || s.at().plus(STATS_TTL).isBefore(now)) {
        try {
          s = new Snapshot(outbox.stats(), now);
          last.set(s);
        } catch (RuntimeException e) {
          // The database is away: keep the last figures rather than failing the metrics page.
          if (s == null) {
            return new OutboxStats(0, 0, 0, java.util.Optional.empty());
          }
        }
      }
      return s.stats();
    }
  }

  /** Health: unhealthy when the oldest waiting delivery has waited longer than the bound. */
  static final class PendingAgeCheck extends HealthCheck {
    private final EventOutbox outbox;
    private final Clock clock;
    private final Duration maxAge;

    PendingAgeCheck(EventOutbox outbox, Clock clock, Duration maxAge) {
      this.outbox = outbox;
      this.clock = clock;
      this.maxAge = maxAge;
    }

    @Override
    protected Result check() {
      OutboxStats stats = outbox.stats();
      String figures =
          stats.pending()
              + " deliveries pending, "
              + stats.failed()
              + " failed, "
              + stats.abandoned()
              + " abandoned";
      if (stats.oldestPending().isEmpty()) {
        return Result.healthy(figures);
      }
      Duration age = Duration.between(stats.oldestPending().get(), clock.instant());
      if (age.compareTo(maxAge) > 0) {
        return Result.unhealthy(
            figures
                + "; the oldest has waited "
                + age.toSeconds()
                + " s, over "
                + maxAge.toSeconds()
                + " s");
      }
      return Result.healthy(figures + "; the oldest has waited " + age.toSeconds() + " s");
    }
  }

  /**
   * Admin task {@code POST /tasks/webhooks}: lists failed deliveries (those out of retries, and
   * those set aside because their event could not be read, with the reason) and abandoned ones
   * (their endpoint left the configuration), at most 1,000 of each, URLs redacted; with {@code
   * requeue=true} makes the failed ones, and the abandoned ones whose endpoint is configured again,
   * pending again with a fresh retry horizon.
   */
  static final class WebhooksTask extends Task {
    private static final int MAX_LISTED = 1_000;

    private final Store store;
    private final Clock clock;

    WebhooksTask(Store store, Clock clock) {
      super("webhooks");
      this.store = Objects.requireNonNull(store, "store");
      this.clock = clock;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
      EventOutbox outbox = store.persistence().events();
      list(output, "failed deliveries", outbox.failed(MAX_LISTED), "failed_at");
      list(output, "abandoned deliveries", outbox.abandoned(MAX_LISTED), "abandoned_at");
      if (parameters.getOrDefault("requeue", List.of()).contains("true")) {
        Instant now = clock.instant();
        int requeued = outbox.requeueFailed(now);
        int returned = outbox.requeueAbandoned(store.eventDispatcher().targetNames(), now);
        store.eventDispatcher().wake();
        output.println("requeued: " + requeued);
        if (returned > 0) {
          output.println("requeued abandoned: " + returned);
        }
        LOG.info("Re-queued {} failed and {} abandoned webhook deliveries", requeued, returned);
      }
      output.flush();
    }

    private static void list(
        PrintWriter output, String title, List<FailedDelivery> deliveries, String at) {
      if (deliveries.isEmpty() && title.startsWith("abandoned")) {
        return; // the listing stays as it was when nothing was abandoned
      }
      output.println(
          title + ": " + deliveries.size() + (deliveries.size() == MAX_LISTED ? "+" : ""));
      for (FailedDelivery f : deliveries) {
        output.println(
            f.id()
                + "\t"
                + EventTarget.redact(f.target())
                + "\t"
                + f.eventId()
                + "\t"
                + f.eventType()
                + "\tattempts="
                + f.attempts()
                + "\t"
                + at
                + "="
                + f.failedAt()
                + "\tlast_error="
                + f.lastError());
      }
    }
  }
}

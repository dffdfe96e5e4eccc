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
import java.util.concurrent.atomic.AtomicReference;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.event.Delivery;
import org.barebones.store.domain.event.DeliveryObserver;
import org.barebones.store.domain.event.FailedDelivery;
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
      LOG.info("Webhook endpoint {} subscribes to {}", endpoint.url(), endpoint.events());
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
            "webhooks",
            new PendingAgeCheck(outbox, clock, config.getMaxPendingAge().toJavaDuration()));
    environment.admin().addTask(new WebhooksTask(store, clock));
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void start() {
                store.eventDispatcher().start();
              }

              @Override
              public void stop() {
                store.close();
              }
            });
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
            return new OutboxStats(0, 0, java.util.Optional.empty());
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
      String figures = stats.pending() + " deliveries pending, " + stats.failed() + " failed";
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
   * Admin task {@code POST /tasks/webhooks}: lists failed deliveries (at most 1,000); with {@code
   * requeue=true} makes them all pending again, with a fresh retry horizon.
   */
  static final class WebhooksTask extends Task {
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
      List<FailedDelivery> failed = outbox.failed(1_000);
      output.println("failed deliveries: " + failed.size() + (failed.size() == 1_000 ? "+" : ""));
      for (FailedDelivery f : failed) {
        output.println(
            f.id()
                + "\t"
                + f.target()
                + "\t"
                + f.event().id()
                + "\t"
                + f.event().type()
                + "\tattempts="
                + f.attempts()
                + "\tfailed_at="
                + f.failedAt()
                + "\tlast_error="
                + f.lastError());
      }
      if (parameters.getOrDefault("requeue", List.of()).contains("true")) {
        int requeued = outbox.requeueFailed(clock.instant());
        store.eventDispatcher().wake();
        output.println("requeued: " + requeued);
        LOG.info("Re-queued {} failed webhook deliveries", requeued);
      }
      output.flush();
    }
  }
}

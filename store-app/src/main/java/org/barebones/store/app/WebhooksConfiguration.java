package org.barebones.store.app;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.barebones.store.domain.event.DeliveryPolicy;
import org.barebones.store.domain.event.EventDispatcher;

/**
 * Configuration: the webhook endpoints events are delivered to, and how deliveries are timed and
 * retried. Every bad endpoint (not http(s), a secret that is not {@code whsec_} + base64, an
 * unknown event type) stops the start with a message that names the field, never the secret.
 */
public class WebhooksConfiguration {

  @Valid @NotNull private List<WebhookEndpointConfiguration> endpoints = new ArrayList<>();

  /** A delivery that gets no answer within this is a failed attempt. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  private Duration timeout = Duration.seconds(10);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  private Duration connectTimeout = Duration.seconds(5);

  /** The wait before the first retry (jittered between half of it and all of it), then doubling. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  private Duration firstRetry = Duration.seconds(5);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  private Duration maxRetry = Duration.hours(1);

  /** How long a delivery is retried before it is marked failed. */
  @NotNull private Duration retryHorizon = Duration.hours(24);

  /** How long a node holds a claimed delivery; another node may take it after. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  private Duration lease = Duration.minutes(2);

  /** Deliveries in flight at once on one node. */
  @Min(1)
  @Max(256)
  private int concurrency = 4;

  /** How often an idle dispatcher looks for due deliveries. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  private Duration pollInterval = Duration.milliseconds(250);

  /** The {@code webhooks} health check is unhealthy when a delivery has waited longer. */
  @NotNull private Duration maxPendingAge = Duration.minutes(15);

  /**
   * How long delivered, failed and abandoned deliveries, and the events they carried, are kept; 0
   * keeps them for ever.
   */
  @NotNull private Duration retention = Duration.days(7);

  /**
   * How often each node abandons deliveries of endpoints no longer configured, re-queues those of
   * endpoints configured again, and deletes what outlived the retention.
   */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration housekeepingInterval = Duration.minutes(1);

  @JsonIgnore
  @AssertTrue(message = "must be longer than webhooks.timeout plus webhooks.connectTimeout")
  public boolean isLeaseLongerThanAnAttempt() {
    return lease.toMilliseconds() > timeout.toMilliseconds() + connectTimeout.toMilliseconds();
  }

  @JsonIgnore
  @AssertTrue(message = "must be at least webhooks.firstRetry")
  public boolean isMaxRetryAtLeastFirstRetry() {
    return maxRetry.toMilliseconds() >= firstRetry.toMilliseconds();
  }

  @JsonIgnore
  @AssertTrue(message = "must not name the same url twice")
  public boolean isEachUrlOnce() {
    return endpoints.stream().map(WebhookEndpointConfiguration::getUrl).distinct().count()
        == endpoints.size();
  }

  public DeliveryPolicy policy() {
    return new DeliveryPolicy(
        firstRetry.toJavaDuration(),
        maxRetry.toJavaDuration(),
        retryHorizon.toJavaDuration(),
        lease.toJavaDuration());
  }

  public EventDispatcher.Settings dispatchSettings() {
    return new EventDispatcher.Settings(
        concurrency, Math.max(concurrency * 4, 16), pollInterval.toJavaDuration());
  }

  @JsonProperty
  public List<WebhookEndpointConfiguration> getEndpoints() {
    return endpoints;
  }

  @JsonProperty
  public void setEndpoints(List<WebhookEndpointConfiguration> endpoints) {
    this.endpoints = endpoints;
  }

  @JsonProperty
  public Duration getTimeout() {
    return timeout;
  }

  @JsonProperty
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  @JsonProperty
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  @JsonProperty
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  @JsonProperty
  public Duration getFirstRetry() {
    return firstRetry;
  }

  @JsonProperty
  public void setFirstRetry(Duration firstRetry) {
    this.firstRetry = firstRetry;
  }

  @JsonProperty
  public Duration getMaxRetry() {
    return maxRetry;
  }

  @JsonProperty
  public void setMaxRetry(Duration maxRetry) {
    this.maxRetry = maxRetry;
  }

  @JsonProperty
  public Duration getRetryHorizon() {
    return retryHorizon;
  }

  @JsonProperty
  public void setRetryHorizon(Duration retryHorizon) {
    this.retryHorizon = retryHorizon;
  }

  @JsonProperty
  public Duration getLease() {
    return lease;
  }

  @JsonProperty
  public void setLease(Duration lease) {
    this.lease = lease;
  }

  @JsonProperty
  public int getConcurrency() {
    return concurrency;
  }

  @JsonProperty
  public void setConcurrency(int concurrency) {
    this.concurrency = concurrency;
  }

  @JsonProperty
  public Duration getPollInterval() {
    return pollInterval;
  }

  @JsonProperty
  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  @JsonProperty
  public Duration getRetention() {
    return retention;
  }

  @JsonProperty
  public void setRetention(Duration retention) {
    this.retention = retention;
  }

  @JsonProperty
  public Duration getHousekeepingInterval() {
    return housekeepingInterval;
  }

  @JsonProperty
  public void setHousekeepingInterval(Duration housekeepingInterval) {
    this.housekeepingInterval = housekeepingInterval;
  }

  @JsonProperty
  public Duration getMaxPendingAge() {
    return maxPendingAge;
  }

  @JsonProperty
  public void setMaxPendingAge(Duration maxPendingAge) {
    this.maxPendingAge = maxPendingAge;
  }
}

package org.barebones.store.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Configuration: the bounds that keep slow clients (a "slow POST" trickling its body) from holding
 * the server's threads: a minimum body data rate, an idle timeout while a request is handled, and
 * the number of threads one client address may hold at once.
 */
public class SlowClientsConfiguration {

  /** The share of {@code server.maxThreads} one address may hold when no number is given. */
  static final int DEFAULT_POOL_SHARE_DIVISOR = 16;

  private boolean enabled = true;

  @NotNull private DataSize minRequestBodyRate = DataSize.bytes(256);

  @NotNull private Duration requestIdleTimeout = Duration.seconds(10);

  @Min(0)
  private Integer maxThreadsPerAddress;

  /** False switches every bound of this block off (the server then behaves as Dropwizard's). */
  @JsonProperty
  public boolean isEnabled() {
    return enabled;
  }

  @JsonProperty
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Bytes per second a request body must average once it has begun; a slower one is cut off with
   * 408. Applied to every application connector that does not set Dropwizard's own {@code
   * minRequestDataPerSecond}; 0 turns it off.
   */
  @JsonProperty
  public DataSize getMinRequestBodyRate() {
    return minRequestBodyRate;
  }

  @JsonProperty
  public void setMinRequestBodyRate(DataSize minRequestBodyRate) {
    this.minRequestBodyRate = minRequestBodyRate;
  }

  /**
   * How long a request that is being handled may go without a byte moving (the connection's idle
   * timeout while a request is open, in place of the connector's {@code idleTimeout}); 0 turns it
   * off.
   */
  @JsonProperty
  public Duration getRequestIdleTimeout() {
    return requestIdleTimeout;
  }

  @JsonProperty
  public void setRequestIdleTimeout(Duration requestIdleTimeout) {
    this.requestIdleTimeout = requestIdleTimeout;
  }

  /**
   * Threads one client address may hold at once; its further requests wait, without a thread, until
   * one is released. Unset: {@code server.maxThreads / 16}; 0 turns the limit off.
   */
  @JsonProperty
  public Integer getMaxThreadsPerAddress() {
    return maxThreadsPerAddress;
  }

  @JsonProperty
  public void setMaxThreadsPerAddress(Integer maxThreadsPerAddress) {
    this.maxThreadsPerAddress = maxThreadsPerAddress;
  }

  /** The per-address thread limit in force for a pool of {@code maxThreads}; 0 means none. */
  int threadsPerAddress(int maxThreads) {
    if (!enabled) {
      return 0;
    }
    if (maxThreadsPerAddress != null) {
      return maxThreadsPerAddress;
    }
    return Math.max(1, maxThreads / DEFAULT_POOL_SHARE_DIVISOR);
  }
}

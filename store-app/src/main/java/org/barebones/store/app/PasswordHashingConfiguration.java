package org.barebones.store.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.barebones.store.domain.usecase.PasswordHashingGate;

/**
 * Configuration: how many slow password hashes (sign-ups and log-ins) may run at once, in all and
 * for one client address, and how long one waits for its turn before it is refused (429).
 */
public class PasswordHashingConfiguration {

  /** Unset: every core but one. 0: no bound. */
  @Min(0)
  private Integer maxConcurrent;

  @Min(0)
  private int maxConcurrentPerAddress = PasswordHashingGate.DEFAULT_MAX_CONCURRENT_PER_ADDRESS;

  @NotNull
  private Duration maxWait = Duration.seconds(PasswordHashingGate.DEFAULT_MAX_WAIT.toSeconds());

  @JsonProperty
  public Integer getMaxConcurrent() {
    return maxConcurrent;
  }

  @JsonProperty
  public void setMaxConcurrent(Integer maxConcurrent) {
    this.maxConcurrent = maxConcurrent;
  }

  @JsonProperty
  public int getMaxConcurrentPerAddress() {
    return maxConcurrentPerAddress;
  }

  @JsonProperty
  public void setMaxConcurrentPerAddress(int maxConcurrentPerAddress) {
    this.maxConcurrentPerAddress = maxConcurrentPerAddress;
  }

  @JsonProperty
  public Duration getMaxWait() {
    return maxWait;
  }

  @JsonProperty
  public void setMaxWait(Duration maxWait) {
    this.maxWait = maxWait;
  }

  public PasswordHashingGate build() {
    return new PasswordHashingGate(
        maxConcurrent == null ? PasswordHashingGate.defaultMaxConcurrent() : maxConcurrent,
        maxConcurrentPerAddress,
        maxWait.toJavaDuration());
  }
}

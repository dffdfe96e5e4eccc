package org.barebones.store.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.barebones.store.domain.usecase.LoginThrottle;

/**
 * Configuration: how many failed logins one username or one client address may make within a window
 * before further attempts are refused (429) until the window has passed.
 */
public class LoginThrottleConfiguration {

  @Min(1)
  private int maxFailures = 10;

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration window = Duration.minutes(15);

  @JsonProperty
  public int getMaxFailures() {
    return maxFailures;
  }

  @JsonProperty
  public void setMaxFailures(int maxFailures) {
    this.maxFailures = maxFailures;
  }

  @JsonProperty
  public Duration getWindow() {
    return window;
  }

  @JsonProperty
  public void setWindow(Duration window) {
    this.window = window;
  }

  public LoginThrottle build(Clock clock) {
    return new LoginThrottle(clock, maxFailures, window.toJavaDuration());
  }
}

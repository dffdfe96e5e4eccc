package org.barebones.store.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.barebones.store.domain.usecase.SignUpLimit;

/**
 * Configuration: how many producers one client address may sign up per window ({@code POST
 * /api/producer}) before further sign-ups answer 429 until the window has passed; 0 turns the limit
 * off.
 */
public class SignUpLimitConfiguration {

  @Min(0)
  private int maxPerAddress = SignUpLimit.DEFAULT_MAX_PER_ADDRESS;

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration window = Duration.minutes(SignUpLimit.DEFAULT_WINDOW.toMinutes());

  @JsonProperty
  public int getMaxPerAddress() {
    return maxPerAddress;
  }

  @JsonProperty
  public void setMaxPerAddress(int maxPerAddress) {
    this.maxPerAddress = maxPerAddress;
  }

  @JsonProperty
  public Duration getWindow() {
    return window;
  }

  @JsonProperty
  public void setWindow(Duration window) {
    this.window = window;
  }

  public SignUpLimit build(Clock clock) {
    return new SignUpLimit(clock, maxPerAddress, window.toJavaDuration());
  }
}

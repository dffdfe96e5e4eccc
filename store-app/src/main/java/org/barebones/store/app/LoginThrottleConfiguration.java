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
 * Configuration: how many failed logins one client address may make, and one username from
 * addresses that have not logged in to it lately, within a window, and how many one username may
 * have from anywhere within a longer backstop window, before further attempts are refused (429)
 * until the window has passed.
 */
public class LoginThrottleConfiguration {

  @Min(1)
  private int maxFailures = 10;

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration window = Duration.minutes(15);

  /** Unset: ten times {@code maxFailures}. */
  @Min(1)
  private Integer backstopMaxFailures;

  /** Unset: four times {@code window}. */
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration backstopWindow;

  @JsonProperty
  public Integer getBackstopMaxFailures() {
    return backstopMaxFailures;
  }

  @JsonProperty
  public void setBackstopMaxFailures(Integer backstopMaxFailures) {
    this.backstopMaxFailures = backstopMaxFailures;
  }

  @JsonProperty
  public Duration getBackstopWindow() {
    return backstopWindow;
  }

  @JsonProperty
  public void setBackstopWindow(Duration backstopWindow) {
    this.backstopWindow = backstopWindow;
  }

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
    java.time.Duration length = window.toJavaDuration();
    return new LoginThrottle(
        clock,
        maxFailures,
        length,
        backstopMaxFailures == null
            ? (int) Math.min(Integer.MAX_VALUE, 10L * maxFailures)
            : backstopMaxFailures,
        backstopWindow == null ? length.multipliedBy(4) : backstopWindow.toJavaDuration(),
        LoginThrottle.DEFAULT_MAX_TRACKED_KEYS);
  }
}

package org.barebones.store.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.barebones.store.domain.usecase.CartCreationLimit;

/**
 * Configuration: how many carts one client address may open per window ({@code POST
 * /api/shopping_cart}) before further attempts answer 429 until the window has passed; 0 turns the
 * limit off.
 */
public class CartCreationLimitConfiguration {

  @Min(0)
  private int maxPerAddress = CartCreationLimit.DEFAULT_MAX_PER_ADDRESS;

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration window = Duration.minutes(CartCreationLimit.DEFAULT_WINDOW.toMinutes());

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

  public CartCreationLimit build(Clock clock) {
    return new CartCreationLimit(clock, maxPerAddress, window.toJavaDuration());
  }
}

package org.barebones.store.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;
import org.barebones.store.domain.usecase.ExpireIdleCarts;

/**
 * Configuration: how often each node sweeps away idle open carts, and how many it deletes per unit
 * of work.
 */
public class CartIdleSweepConfiguration {

  @NotNull
  @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
  private Duration interval = Duration.minutes(1);

  @Min(1)
  @Max(10_000)
  private int batchSize = ExpireIdleCarts.DEFAULT_BATCH_SIZE;

  @JsonProperty
  public Duration getInterval() {
    return interval;
  }

  @JsonProperty
  public void setInterval(Duration interval) {
    this.interval = interval;
  }

  @JsonProperty
  public int getBatchSize() {
    return batchSize;
  }

  @JsonProperty
  public void setBatchSize(int batchSize) {
    this.batchSize = batchSize;
  }
}

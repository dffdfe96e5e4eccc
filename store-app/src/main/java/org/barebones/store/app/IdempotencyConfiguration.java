package org.barebones.store.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;
import org.barebones.store.domain.usecase.ExpireIdempotencyRecords;

/**
 * Configuration: how long the answers to requests sent with an {@code Idempotency-Key} are kept,
 * and how each node sweeps away the expired ones.
 */
public class IdempotencyConfiguration {

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration retention = Duration.hours(24);

  @NotNull
  @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
  private Duration sweepInterval = Duration.minutes(1);

  @Min(1)
  @Max(10_000)
  private int sweepBatchSize = ExpireIdempotencyRecords.DEFAULT_BATCH_SIZE;

  @JsonProperty
  public Duration getRetention() {
    return retention;
  }

  @JsonProperty
  public void setRetention(Duration retention) {
    this.retention = retention;
  }

  @JsonProperty
  public Duration getSweepInterval() {
    return sweepInterval;
  }

  @JsonProperty
  public void setSweepInterval(Duration sweepInterval) {
    this.sweepInterval = sweepInterval;
  }

  @JsonProperty
  public int getSweepBatchSize() {
    return sweepBatchSize;
  }

  @JsonProperty
  public void setSweepBatchSize(int sweepBatchSize) {
    this.sweepBatchSize = sweepBatchSize;
  }
}

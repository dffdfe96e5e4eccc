package org.barebones.store.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
  private static final Instant QUEUED = Instant.parse("2026-12-01T10:00:00Z");
  private final DeliveryPolicy policy =
      new DeliveryPolicy(
          Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(1));

  @Test
  void backoff_doublesFromTheFirstRetry_upToTheCap() {
    assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(policy.backoff(5)).isEqualTo(Duration.ofMinutes(1));
    assertThat(policy.backoff(1_000_000)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void nextAttempt_isJitteredBetweenHalfAndAllOfTheBackoff() {
    Instant now = QUEUED.plusSeconds(30);

    assertThat(policy.nextAttempt(2, QUEUED, now, () -> 0.0)).contains(now.plusSeconds(5));
    assertThat(policy.nextAttempt(2, QUEUED, now, () -> 0.5)).contains(now.plusMillis(7_500));
    assertThat(policy.nextAttempt(2, QUEUED, now, () -> 0.999999).orElseThrow())
        .isBefore(now.plusSeconds(10))
        .isAfter(now.plusMillis(9_999));
  }

  @Test
  void nextAttempt_onceTheHorizonHasPassed_isEmpty() {
    assertThat(policy.nextAttempt(3, QUEUED, QUEUED.plus(Duration.ofMinutes(59)), () -> 0.5))
        .isPresent();
    assertThat(policy.nextAttempt(3, QUEUED, QUEUED.plus(Duration.ofHours(1)), () -> 0.5))
        .isEmpty();
  }

  @Test
  void theDefaults_retryWithinSeconds_forADay() {
    assertThat(DeliveryPolicy.DEFAULT.backoff(1)).isLessThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(DeliveryPolicy.DEFAULT.horizon()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void aCapBelowTheFirstRetry_isRefused() {
    assertThatThrownBy(
            () ->
                new DeliveryPolicy(
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(1),
                    Duration.ofHours(1),
                    Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

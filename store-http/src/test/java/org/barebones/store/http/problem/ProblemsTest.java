package org.barebones.store.http.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import org.barebones.store.domain.shared.DomainException;
import org.junit.jupiter.api.Test;

class ProblemsTest {

  @Test
  void everyDomainKind_hasItsStatus() {
    assertThat(Problems.statusOf(DomainException.Kind.NOT_FOUND)).isEqualTo(404);
    assertThat(Problems.statusOf(DomainException.Kind.FORBIDDEN)).isEqualTo(403);
    assertThat(Problems.statusOf(DomainException.Kind.UNAUTHENTICATED)).isEqualTo(401);
    assertThat(Problems.statusOf(DomainException.Kind.INVALID)).isEqualTo(422);
    assertThat(Problems.statusOf(DomainException.Kind.CONFLICT)).isEqualTo(409);
    assertThat(Problems.statusOf(DomainException.Kind.PRECONDITION_FAILED)).isEqualTo(412);
    assertThat(Problems.statusOf(DomainException.Kind.RATE_LIMITED)).isEqualTo(429);
    assertThat(Problems.statusOf(DomainException.Kind.UNAVAILABLE)).isEqualTo(503);
    assertThat(EnumSet.allOf(DomainException.Kind.class)).hasSize(8);
  }

  @Test
  void retryAfter_isWholeSecondsRoundedUpAndAtLeastOne() {
    assertThat(Problems.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
    assertThat(Problems.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(Problems.retryAfterSeconds(Duration.ofSeconds(90))).isEqualTo(90);
    assertThat(Problems.retryAfterSeconds(Duration.ofMillis(90_001))).isEqualTo(91);
  }
}

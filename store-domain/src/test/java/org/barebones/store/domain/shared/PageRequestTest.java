package org.barebones.store.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.barebones.store.domain.support.Thrown.thrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {

  @Test
  void first_startsAtZeroWithTheDefaultLimit() {
    assertThat(PageRequest.first()).isEqualTo(new PageRequest(0, 100));
    assertThat(PageRequest.first(7)).isEqualTo(new PageRequest(0, 7));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 999, 1000})
  void limit_withinOneToAThousand_isAccepted(int limit) {
    assertThat(new PageRequest(0, limit).limit()).isEqualTo(limit);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 1001, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void limit_outsideOneToAThousand_isRefused(int limit) {
    InvalidInputException e =
        thrownBy(InvalidInputException.class, () -> new PageRequest(0, limit));

    assertThat(e.violations())
        .containsExactly(new Violation("limit", "must be between 1 and 1000"));
  }

  @Test
  void after_zeroOrPositive_isAccepted() {
    assertThat(new PageRequest(0, 10).after()).isZero();
    assertThat(new PageRequest(Long.MAX_VALUE, 10).after()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void after_negative_isRefused() {
    InvalidInputException e = thrownBy(InvalidInputException.class, () -> new PageRequest(-1, 10));

    assertThat(e.violations())
        .containsExactly(new Violation("after", "must be 0 or a positive id"));
  }

  @Test
  void bothBroken_listsBoth() {
    InvalidInputException e = thrownBy(InvalidInputException.class, () -> new PageRequest(-5, 0));

    assertThat(e.violations())
        .containsExactly(
            new Violation("after", "must be 0 or a positive id"),
            new Violation("limit", "must be between 1 and 1000"));
    assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
    assertThat(e.code()).isEqualTo("validation");
  }
}

package org.barebones.store.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {

  @Test
  void detail_namesEveryViolation() {
    InvalidInputException e =
        new InvalidInputException(
            List.of(
                new Violation("title", "must not be blank"),
                new Violation("price", "must be at least 0.10")));

    assertThat(e.detail()).isEqualTo("title must not be blank; price must be at least 0.10");
    assertThat(e.title()).isEqualTo("Invalid input");
    assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
  }

  @Test
  void violations_areACopy() {
    InvalidInputException e = new InvalidInputException("quantity", "must be positive");

    assertThat(e.violations()).containsExactly(new Violation("quantity", "must be positive"));
    assertThatThrownBy(() -> e.violations().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void violations_collectsEveryBrokenRuleBeforeThrowing() {
    Violations violations = new Violations();

    assertThat(violations.check(true, "a", "fine")).isTrue();
    assertThat(violations.check(false, "b", "broken")).isFalse();
    violations.add("c", "also broken");

    assertThat(violations.isEmpty()).isFalse();
    assertThatThrownBy(violations::throwIfAny)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new Violation("b", "broken"), new Violation("c", "also broken")));
  }

  @Test
  void violations_withNothingBroken_doesNotThrow() {
    Violations violations = new Violations();
    violations.check(true, "a", "fine");

    assertThat(violations.isEmpty()).isTrue();
    violations.throwIfAny();
  }
}

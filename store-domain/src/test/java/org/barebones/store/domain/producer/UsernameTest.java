package org.barebones.store.domain.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.barebones.store.domain.support.Thrown.thrownBy;

import org.barebones.store.domain.shared.InvalidInputException;
import org.barebones.store.domain.shared.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTest {
  private static final String LENGTH = "must be 3 to 64 characters";
  private static final String CHARACTERS = "may contain only letters, digits, '_', '.' and '-'";

  @ParameterizedTest
  @ValueSource(strings = {"ada", "Ada_Lovelace", "a.b-c_d", "007", "ABC"})
  void lettersDigitsUnderscoreDotAndDash_areAccepted(String value) {
    assertThat(new Username(value).value()).isEqualTo(value);
    assertThat(Username.problemWith(value)).isNull();
  }

  @Test
  void threeAndSixtyFourCharacters_areAccepted() {
    assertThat(Username.problemWith("abc")).isNull();
    assertThat(Username.problemWith("a".repeat(64))).isNull();
  }

  @Test
  void twoOrSixtyFiveCharacters_areRefused() {
    assertThat(violationOf("ab")).isEqualTo(new Violation("username", LENGTH));
    assertThat(violationOf("a".repeat(65))).isEqualTo(new Violation("username", LENGTH));
    assertThat(violationOf("")).isEqualTo(new Violation("username", LENGTH));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ada lovelace", "ada@home", "ädä", "ada/1", "ada+1", "ada\n", "ada'--"})
  void otherCharacters_areRefused(String value) {
    assertThat(violationOf(value)).isEqualTo(new Violation("username", CHARACTERS));
  }

  @Test
  void missing_isRequired() {
    assertThat(Username.problemWith(null)).isEqualTo("is required");
  }

  @Test
  void canonical_ignoresCase() {
    assertThat(new Username("Ada.LOVELACE").canonical()).isEqualTo("ada.lovelace");
    assertThat(new Username("ADA").canonical()).isEqualTo(new Username("ada").canonical());
  }

  private static Violation violationOf(String value) {
    InvalidInputException e = thrownBy(InvalidInputException.class, () -> new Username(value));
    assertThat(e.violations()).hasSize(1);
    return e.violations().get(0);
  }
}

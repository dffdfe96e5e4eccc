package org.barebones.store.domain.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.barebones.store.domain.support.Thrown.thrownBy;

import org.barebones.store.domain.shared.InvalidInputException;
import org.barebones.store.domain.shared.Violation;
import org.junit.jupiter.api.Test;

class PasswordTest {
  private static final String LENGTH = "must be 8 to 1024 characters";

  @Test
  void eightAndTenTwentyFourCharacters_areAccepted() {
    assertThat(Password.of("12345678").chars()).containsExactly("12345678".toCharArray());
    assertThat(Password.of("p".repeat(1024)).chars()).hasSize(1024);
  }

  @Test
  void sevenOrTenTwentyFiveCharacters_areRefused() {
    assertThat(violationOf("1234567")).isEqualTo(new Violation("password", LENGTH));
    assertThat(violationOf("p".repeat(1025))).isEqualTo(new Violation("password", LENGTH));
    assertThat(violationOf("")).isEqualTo(new Violation("password", LENGTH));
  }

  @Test
  void missing_isRequired() {
    assertThat(violationOf(null)).isEqualTo(new Violation("password", "is required"));
  }

  @Test
  void length_countsCharactersNotUtf16Units() {
    String eightEmoji = "\uD83D\uDE00".repeat(8); // 8 code points, 16 chars
    String sevenEmoji = "\uD83D\uDE00".repeat(7);

    assertThat(Password.problemWith(eightEmoji)).isNull();
    assertThat(Password.problemWith(sevenEmoji)).isEqualTo(LENGTH);
  }

  @Test
  void asTyped_skipsTheLengthRules() {
    assertThat(Password.asTyped("short").chars()).containsExactly('s', 'h', 'o', 'r', 't');
    assertThat(Password.asTyped("").chars()).isEmpty();
  }

  @Test
  void toString_neverContainsThePassword() {
    String secret = "correct horse battery staple";

    assertThat(Password.of(secret).toString()).doesNotContain(secret).doesNotContain("horse");
    assertThat(Password.asTyped(secret)).hasToString("Password[redacted]");
  }

  @Test
  void chars_isACopy() {
    Password password = Password.of("correct horse");
    char[] copy = password.chars();
    java.util.Arrays.fill(copy, '\0');

    assertThat(password.chars()).containsExactly("correct horse".toCharArray());
  }

  @Test
  void producerAndNewProducer_neverPrintTheirHash() {
    String hash = "pbkdf2-sha256$1000$c2FsdA$aGFzaA";
    Producer producer = new Producer(ProducerId.of(1), new Username("ada"), hash);
    NewProducer newProducer = new NewProducer(new Username("ada"), hash);

    assertThat(producer.toString()).doesNotContain(hash).contains("ada");
    assertThat(newProducer.toString()).doesNotContain(hash).contains("ada");
  }

  private static Violation violationOf(String value) {
    InvalidInputException e = thrownBy(InvalidInputException.class, () -> Password.of(value));
    assertThat(e.violations()).hasSize(1);
    return e.violations().get(0);
  }
}

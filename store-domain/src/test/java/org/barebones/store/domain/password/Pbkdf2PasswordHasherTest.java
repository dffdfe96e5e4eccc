package org.barebones.store.domain.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.barebones.store.domain.producer.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Pbkdf2PasswordHasherTest {
  private static final Password SECRET = Password.of("correct horse battery staple");

  private final Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(1_000);

  @Test
  void hash_verifiesTheSamePassword() {
    String hash = hasher.hash(SECRET);

    assertThat(hasher.matches(Password.asTyped("correct horse battery staple"), hash)).isTrue();
  }

  @Test
  void hash_doesNotVerifyAnotherPassword() {
    String hash = hasher.hash(SECRET);

    assertThat(hasher.matches(Password.asTyped("correct horse battery stapler"), hash)).isFalse();
    assertThat(hasher.matches(Password.asTyped("Correct horse battery staple"), hash)).isFalse();
    assertThat(hasher.matches(Password.asTyped(""), hash)).isFalse();
  }

  @Test
  void twoHashesOfOnePassword_differ_becauseOfTheSalt() {
    String first = hasher.hash(SECRET);
    String second = hasher.hash(SECRET);

    assertThat(first).isNotEqualTo(second);
    assertThat(first.split("\\$")[2]).isNotEqualTo(second.split("\\$")[2]);
    assertThat(hasher.matches(SECRET, first)).isTrue();
    assertThat(hasher.matches(SECRET, second)).isTrue();
  }

  @Test
  void encodedHash_namesAlgorithmAndIterations_withA16ByteSaltAnd32ByteKey() {
    String[] parts = hasher.hash(SECRET).split("\\$");

    assertThat(parts).hasSize(4);
    assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
    assertThat(parts[1]).isEqualTo("1000");
    assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
    assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
  }

  @Test
  void hash_neverContainsThePassword() {
    assertThat(hasher.hash(SECRET)).doesNotContain("correct").doesNotContain("horse");
  }

  @Test
  void aHashMadeAtALowerCost_stillVerifies_afterTheCostIsRaised() {
    String oldHash = new Pbkdf2PasswordHasher(1_000).hash(SECRET);
    Pbkdf2PasswordHasher raised = new Pbkdf2PasswordHasher(2_000);

    assertThat(raised.matches(SECRET, oldHash)).isTrue();
    assertThat(raised.matches(Password.asTyped("wrong password"), oldHash)).isFalse();
    assertThat(raised.hash(SECRET)).startsWith("pbkdf2-sha256$2000$");
  }

  @Test
  void defaultCost_isAtLeastOwaspsMinimum() {
    Pbkdf2PasswordHasher defaults = new Pbkdf2PasswordHasher();

    assertThat(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(600_000);
    assertThat(defaults.iterations()).isEqualTo(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS);
    // The one full-cost hash of the suite: the encoded cost is the configured one.
    assertThat(defaults.hash(SECRET).split("\\$")[1])
        .isEqualTo(Integer.toString(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not a hash",
        "$$$",
        "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA",
        "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$a2V5$extra",
        "pbkdf2-sha1$1000$c2FsdHNhbHRzYWx0c2FsdA$a2V5",
        "pbkdf2-sha256$many$c2FsdHNhbHRzYWx0c2FsdA$a2V5",
        "pbkdf2-sha256$0$c2FsdHNhbHRzYWx0c2FsdA$a2V5",
        "pbkdf2-sha256$-5$c2FsdHNhbHRzYWx0c2FsdA$a2V5",
        "pbkdf2-sha256$1000$$a2V5",
        "pbkdf2-sha256$1000$not*base64!$a2V5",
        "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$not*base64!",
        "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$a2V5",
        "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"
      })
  void garbageHashes_doNotVerify_andDoNotThrow(String garbage) {
    assertThat(hasher.matches(SECRET, garbage)).isFalse();
  }

  @Test
  void decoyHash_isAWellFormedHashAtTheConfiguredCost_thatNoRealPasswordMatches() {
    String decoy = hasher.decoyHash();

    assertThat(decoy).startsWith("pbkdf2-sha256$1000$");
    assertThat(hasher.matches(SECRET, decoy)).isFalse();
    assertThat(hasher.matches(Password.asTyped(""), decoy)).isFalse();
  }

  @Test
  void aNonPositiveCost_isRefused() {
    assertThatThrownBy(() -> new Pbkdf2PasswordHasher(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

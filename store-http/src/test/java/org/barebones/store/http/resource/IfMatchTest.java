package org.barebones.store.http.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class IfMatchTest {
  private static final LongSupplier CURRENT_IS_7 = () -> 7;
  private static final LongSupplier NOT_ASKED =
      () -> {
        throw new AssertionError("the current version is not needed for one tag");
      };

  @Test
  void noHeaderOrStar_matchesAnyVersion() {
    assertThat(IfMatch.expectedVersion(null, NOT_ASKED)).isEmpty();
    assertThat(IfMatch.expectedVersion("  ", NOT_ASKED)).isEmpty();
    assertThat(IfMatch.expectedVersion("*", NOT_ASKED)).isEmpty();
    assertThat(IfMatch.expectedVersion("\"3\", *", NOT_ASKED)).isEmpty();
  }

  @Test
  void oneStrongTag_isThatVersion() {
    assertThat(IfMatch.expectedVersion("\"3\"", NOT_ASKED)).contains(3L);
    assertThat(IfMatch.expectedVersion(" \"0\" ", NOT_ASKED)).contains(0L);
  }

  @Test
  void weakOrUnreadableTags_matchNoVersion() {
    Optional<Long> none = Optional.of(IfMatch.NO_VERSION);
    for (String header :
        new String[] {
          "W/\"3\"", "3", "\"\"", "\"x\"", "\"-1\"", "\"99999999999999999999\"", "\""
        }) {
      assertThat(IfMatch.expectedVersion(header, NOT_ASKED)).as(header).isEqualTo(none);
    }
  }

  @Test
  void severalTags_pinTheCurrentVersionWhenListed() {
    assertThat(IfMatch.expectedVersion("\"5\", \"7\"", CURRENT_IS_7)).contains(7L);
    assertThat(IfMatch.expectedVersion("\"5\", \"6\"", CURRENT_IS_7)).contains(IfMatch.NO_VERSION);
  }
}

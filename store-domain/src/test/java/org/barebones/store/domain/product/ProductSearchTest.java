package org.barebones.store.domain.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.barebones.store.domain.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

class ProductSearchTest {

  @Test
  void words_areRunsOfLettersAndDigits_folded() {
    assertThat(SearchText.words("Green tea, 100 g")).containsExactly("green", "tea", "100", "g");
    assertThat(SearchText.words("snake_case\\tool 100%cotton"))
        .containsExactly("snake", "case", "tool", "100", "cotton");
    assertThat(SearchText.words("Straße STRASSE")).containsExactly("strasse", "strasse");
    assertThat(SearchText.words("ΟΔΌΣ οδός")).containsExactly("οδόσ", "οδόσ");
    assertThat(SearchText.words("İzmir")).containsExactly("izmir");
    assertThat(SearchText.words("日本茶 ²³ ½")).containsExactly("日本茶");
    assertThat(SearchText.words("%_\\ -- ... ")).isEmpty();
  }

  @Test
  void words_readTheComposedForm_andKeepCombiningMarksInTheirWord() {
    assertThat(SearchText.words("Cafe\u0301 noir")).containsExactly("café", "noir");
    assertThat(SearchText.words("हिन्दी किताब")).containsExactly("हिन्दी", "किताब");
    assertThat(SearchText.words("\u0301alone")).containsExactly("alone");
  }

  @Test
  void indexKeys_areEveryPrefixOfEveryWord_uptoTheKeyLength_eachOnce() {
    assertThat(SearchText.indexKeys("Tea teapot"))
        .containsExactly("t", "te", "tea", "teap", "teapo", "teapot");
    String longWord = "x".repeat(40);
    assertThat(SearchText.indexKeys(longWord)).hasSize(SearchText.MAX_KEY_LENGTH);
    assertThat(SearchText.indexKey(longWord)).isEqualTo("x".repeat(32));
    String emoji = "𝔘".repeat(33); // letters outside the BMP: two chars each
    assertThat(SearchText.indexKey(emoji)).isEqualTo("𝔘".repeat(32));
    assertThat(SearchText.isWholeKey("𝔘".repeat(32))).isTrue();
  }

  @Test
  void of_foldsTheTerms_andDropsThoseAnotherStarts() {
    assertThat(ProductSearch.of("Tea TEAPOT gre, green").terms())
        .containsExactly("teapot", "green");
    assertThat(ProductSearch.of("a a a").terms()).containsExactly("a");
  }

  @Test
  void matches_everyTermAtTheStartOfSomeWord() {
    ProductSearch greTea = ProductSearch.of("gre tea");
    assertThat(greTea.matches("Green tea, 100 g")).isTrue();
    assertThat(greTea.matches("Tea, green")).isTrue();
    assertThat(greTea.matches("Green coffee")).isFalse();
    assertThat(ProductSearch.of("tea").matches("Steam iron")).isFalse();
    assertThat(ProductSearch.of("TEA").matches("teapot")).isTrue();
    assertThat(ProductSearch.of("100%").matches("100% cotton")).isTrue();
    assertThat(ProductSearch.of("%cotton").matches("100% cotton")).isTrue();
    assertThat(ProductSearch.of("o_t").matches("100% cotton")).isFalse();
  }

  @Test
  void problemWith_lengthTermsAndPunctuationOnly() {
    assertThat(ProductSearch.problemWith("")).hasValue("must be 1 to 100 characters");
    assertThat(ProductSearch.problemWith("a".repeat(101))).hasValue("must be 1 to 100 characters");
    assertThat(ProductSearch.problemWith("a".repeat(100))).isEmpty();
    assertThat(ProductSearch.problemWith("𝔘".repeat(100))).as("characters, not chars").isEmpty();
    assertThat(ProductSearch.problemWith("%_\\"))
        .hasValue("must hold at least one term (a letter or a digit)");
    assertThat(ProductSearch.problemWith("   ")).isPresent();
    assertThat(ProductSearch.problemWith("a b c d e f g h")).isEmpty();
    assertThat(ProductSearch.problemWith("a b c d e f g h i"))
        .hasValue("must hold at most 8 terms");
    assertThat(ProductSearch.problemWith("a a a a a a a a a"))
        .as("terms are counted as typed")
        .hasValue("must hold at most 8 terms");
  }

  @Test
  void of_refusesWhatProblemWithFinds_namingQ() {
    assertThatThrownBy(() -> ProductSearch.of("..."))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("q"));
  }

  @Test
  void exactInIndex_onlyWhenEveryTermFitsAKey() {
    assertThat(ProductSearch.of("tea " + "x".repeat(32)).isExactInIndex()).isTrue();
    assertThat(ProductSearch.of("tea " + "x".repeat(33)).isExactInIndex()).isFalse();
    assertThat(new ProductSearch(List.of("tea")).terms()).containsExactly("tea");
  }
}

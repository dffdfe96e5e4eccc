package org.barebones.store.domain.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.barebones.store.domain.support.Thrown.thrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.InvalidInputException;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.Violation;
import org.barebones.store.domain.shared.Violations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductRulesTest {
  private static final Currency USD = Currency.getInstance("USD");

  @ParameterizedTest
  @ValueSource(strings = {"x", "Desk lamp", "  padded  "})
  void title_notBlankUpTo255_isAccepted(String title) {
    assertThat(titleViolations(title)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"nul\u0000byte", "bell\u0007", "line\nbreak", "del\u007f"})
  void title_withControlCharacters_isRefused(String title) {
    assertThat(titleViolations(title))
        .containsExactly(new Violation("title", "must not contain control characters"));
  }

  @Test
  void title_of255Characters_isAccepted_256_isRefused() {
    assertThat(titleViolations("t".repeat(255))).isEmpty();
    assertThat(titleViolations("t".repeat(256)))
        .containsExactly(new Violation("title", "must be at most 255 characters"));
  }

  @Test
  void title_countsCharactersNotUtf16Units() {
    String emoji = "\uD83D\uDCA1"; // one code point, two chars
    assertThat(titleViolations(emoji.repeat(255))).isEmpty();
    assertThat(titleViolations(emoji.repeat(256))).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   ", "\t\n"})
  void title_blank_isRefused(String title) {
    assertThat(titleViolations(title)).containsExactly(new Violation("title", "must not be blank"));
  }

  @Test
  void title_missing_isRequired() {
    assertThat(titleViolations(null)).containsExactly(new Violation("title", "is required"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.10", "0.1", "19.99", "1000000.00", "1000000", "5.500"})
  void price_from10CentsToAMillionWithTwoDecimals_isAccepted(String price) {
    assertThat(priceViolations(new BigDecimal(price))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.09", "0.00", "-1.00"})
  void price_below10Cents_isRefused(String price) {
    assertThat(priceViolations(new BigDecimal(price)))
        .containsExactly(new Violation("price", "must be at least 0.10"));
  }

  @Test
  void price_overAMillion_isRefused() {
    assertThat(priceViolations(new BigDecimal("1000000.01")))
        .containsExactly(new Violation("price", "must be at most 1000000.00"));
  }

  @Test
  void price_withThreeDecimals_isRefused() {
    assertThat(priceViolations(new BigDecimal("19.999")))
        .containsExactly(new Violation("price", "must have at most 2 decimals"));
  }

  @Test
  void price_breakingTwoRules_listsBoth() {
    assertThat(priceViolations(new BigDecimal("0.001")))
        .containsExactly(
            new Violation("price", "must be at least 0.10"),
            new Violation("price", "must have at most 2 decimals"));
  }

  @Test
  void price_missing_isRequired() {
    assertThat(priceViolations(null)).containsExactly(new Violation("price", "is required"));
  }

  @Test
  void inventory_fromZeroTo2Pow31Minus1_isAccepted() {
    assertThat(inventoryViolations(0L)).isEmpty();
    assertThat(inventoryViolations(2_147_483_647L)).isEmpty();
  }

  @Test
  void inventory_negativeOrOver2Pow31Minus1_isRefused() {
    Violation expected = new Violation("inventory_count", "must be between 0 and 2147483647");
    assertThat(inventoryViolations(-1L)).containsExactly(expected);
    assertThat(inventoryViolations(2_147_483_648L)).containsExactly(expected);
    assertThat(inventoryViolations(Long.MIN_VALUE)).containsExactly(expected);
  }

  @Test
  void inventory_missing_isRequired() {
    assertThat(inventoryViolations(null))
        .containsExactly(new Violation("inventory_count", "is required"));
  }

  @Test
  void newProduct_withBrokenFields_cannotBeBuilt_andListsThemAll() {
    InvalidInputException e =
        thrownBy(
            InvalidInputException.class,
            () -> new NewProduct(ProducerId.of(1), " ", Money.of("0.05", USD), -1));

    assertThat(e.violations())
        .extracting(Violation::field)
        .containsExactly("title", "price", "inventory_count");
  }

  @Test
  void product_withNegativeStock_cannotBeBuilt() {
    InvalidInputException e =
        thrownBy(
            InvalidInputException.class,
            () ->
                new Product(
                    ProductId.of(1), ProducerId.of(1), "Lamp", Money.of("1.00", USD), -1, 1));

    assertThat(e.violations())
        .containsExactly(new Violation("inventory_count", "must be between 0 and 2147483647"));
  }

  @Test
  void product_knowsItsOwnerAndStock() {
    Product lamp =
        new Product(ProductId.of(7), ProducerId.of(3), "Lamp", Money.of("19.99", USD), 3, 1);

    assertThat(lamp.isOwnedBy(ProducerId.of(3))).isTrue();
    assertThat(lamp.isOwnedBy(ProducerId.of(4))).isFalse();
    assertThat(lamp.hasInStock(3)).isTrue();
    assertThat(lamp.hasInStock(4)).isFalse();
  }

  private static List<Violation> titleViolations(String title) {
    return collect(v -> ProductRules.checkTitle(title, v));
  }

  private static List<Violation> priceViolations(BigDecimal price) {
    return collect(v -> ProductRules.checkPrice(price, v));
  }

  private static List<Violation> inventoryViolations(Long inventory) {
    return collect(v -> ProductRules.checkInventory(inventory, v));
  }

  private static List<Violation> collect(java.util.function.Consumer<Violations> rule) {
    Violations violations = new Violations();
    rule.accept(violations);
    try {
      violations.throwIfAny();
      return List.of();
    } catch (InvalidInputException e) {
      return e.violations();
    }
  }
}

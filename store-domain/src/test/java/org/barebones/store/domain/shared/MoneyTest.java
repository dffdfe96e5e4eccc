package org.barebones.store.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final Currency EUR = Currency.getInstance("EUR");

  @ParameterizedTest
  @ValueSource(strings = {"19.9", "19.90", "19.900", "19.9000"})
  void of_normalisesToTwoDecimals(String amount) {
    Money money = Money.of(amount, USD);

    assertThat(money.amount()).isEqualTo(new BigDecimal("19.90"));
    assertThat(money.amount().scale()).isEqualTo(2);
    assertThat(money).isEqualTo(Money.of("19.90", USD));
  }

  @Test
  void of_wholeNumber_getsTwoDecimals() {
    assertThat(Money.of("7", USD).amount()).isEqualTo(new BigDecimal("7.00"));
    assertThat(new Money(new BigDecimal("1E+2"), USD).amount()).isEqualTo(new BigDecimal("100.00"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"19.999", "0.001", "1.005", "19.9901"})
  void of_whenRoundingWouldBeNeeded_refuses(String amount) {
    assertThatThrownBy(() -> Money.of(amount, USD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than two decimals")
        .hasMessageContaining(amount);
  }

  @Test
  void zero_isZeroWithTwoDecimals() {
    Money zero = Money.zero(USD);

    assertThat(zero.amount()).isEqualTo(new BigDecimal("0.00"));
    assertThat(zero.isZero()).isTrue();
    assertThat(Money.of("0.01", USD).isZero()).isFalse();
  }

  @Test
  void plus_addsExactly() {
    assertThat(Money.of("0.10", USD).plus(Money.of("0.20", USD))).isEqualTo(Money.of("0.30", USD));
    assertThat(Money.of("999999.99", USD).plus(Money.of("0.01", USD)))
        .isEqualTo(Money.of("1000000.00", USD));
  }

  @Test
  void plus_ofAnotherCurrency_refuses() {
    assertThatThrownBy(() -> Money.of("1.00", USD).plus(Money.of("1.00", EUR)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("USD")
        .hasMessageContaining("EUR");
  }

  @Test
  void compareTo_ofAnotherCurrency_refuses() {
    assertThatThrownBy(() -> Money.of("1.00", USD).compareTo(Money.of("1.00", EUR)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void compareTo_ordersByAmount() {
    assertThat(Money.of("1.00", USD)).isLessThan(Money.of("1.01", USD));
    assertThat(Money.of("2.50", USD)).isEqualByComparingTo(Money.of("2.5", USD));
  }

  @Test
  void times_multipliesByQuantity() {
    assertThat(Money.of("19.99", USD).times(2)).isEqualTo(Money.of("39.98", USD));
    assertThat(Money.of("19.99", USD).times(0)).isEqualTo(Money.zero(USD));
    assertThat(Money.of("1000000.00", USD).times(1_000_000))
        .isEqualTo(Money.of("1000000000000.00", USD));
    assertThat(Money.of("0.10", USD).times(3).currency()).isEqualTo(USD);
  }

  @Test
  void hasAtMostTwoDecimals_ignoresTrailingZeros() {
    assertThat(Money.hasAtMostTwoDecimals(new BigDecimal("1.230000"))).isTrue();
    assertThat(Money.hasAtMostTwoDecimals(new BigDecimal("100"))).isTrue();
    assertThat(Money.hasAtMostTwoDecimals(new BigDecimal("1.231"))).isFalse();
  }

  @Test
  void toString_showsPlainAmountAndCurrencyCode() {
    assertThat(Money.of("39.98", USD)).hasToString("39.98 USD");
    assertThat(new Money(new BigDecimal("1E+3"), USD)).hasToString("1000.00 USD");
  }

  @Test
  void constructor_refusesNulls() {
    assertThatThrownBy(() -> new Money(null, USD)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Money(BigDecimal.ONE, null))
        .isInstanceOf(NullPointerException.class);
  }
}

package org.barebones.store.domain.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import org.barebones.store.domain.shared.Money;
import org.junit.jupiter.api.Test;

class MoneyPropertyTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final long MAX_CENTS = 100_000_000_000L; // a billion, in cents

  @Test
  void addition_isExact_andOrderDoesNotMatter() {
    Cases.forAll(
        1_000,
        1_000,
        c -> {
          List<BigDecimal> amounts = new ArrayList<>();
          for (int i = c.between(0, 30); i > 0; i--) {
            amounts.add(c.amount(-MAX_CENTS, MAX_CENTS));
          }
          c.log("amounts " + amounts);

          BigDecimal expected = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
          Money sum = sum(amounts);
          Collections.shuffle(amounts, c.random);

          assertThat(sum.amount()).isEqualByComparingTo(expected);
          assertThat(sum.amount().scale()).isEqualTo(2);
          assertThat(sum(amounts)).isEqualTo(sum);
        });
  }

  @Test
  void times_isRepeatedAddition() {
    Cases.forAll(
        500,
        2_000,
        c -> {
          BigDecimal amount = c.amount(0, 100_000_000);
          int quantity = c.between(0, 50);
          c.log(amount + " x " + quantity);

          Money repeated = Money.zero(USD);
          for (int i = 0; i < quantity; i++) {
            repeated = repeated.plus(new Money(amount, USD));
          }

          assertThat(new Money(amount, USD).times(quantity)).isEqualTo(repeated);
          assertThat(repeated.amount())
              .isEqualByComparingTo(amount.multiply(BigDecimal.valueOf(quantity)));
        });
  }

  @Test
  void anAmountNeedingRounding_isAlwaysRefused() {
    Cases.forAll(
        500,
        3_000,
        c -> {
          // A whole number of cents plus 1..9 thousandths: never representable in two decimals.
          BigDecimal amount =
              c.amount(-MAX_CENTS, MAX_CENTS).add(BigDecimal.valueOf(c.between(1, 9), 3));
          c.log("amount " + amount);

          assertThat(Money.hasAtMostTwoDecimals(amount)).isFalse();
          assertThatThrownBy(() -> new Money(amount, USD))
              .isInstanceOf(IllegalArgumentException.class);
        });
  }

  private static Money sum(List<BigDecimal> amounts) {
    Money total = Money.zero(USD);
    for (BigDecimal amount : amounts) {
      total = total.plus(new Money(amount, USD));
    }
    return total;
  }
}

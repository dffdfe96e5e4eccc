package org.barebones.store.domain.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.barebones.store.domain.support.Thrown.thrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.InvalidInputException;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.Violation;
import org.junit.jupiter.api.Test;

class ProductChangeTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final Product LAMP =
      new Product(ProductId.of(7), ProducerId.of(3), "Desk lamp", Money.of("19.99", USD), 3, 4);

  @Test
  void none_keepsEveryField() {
    assertThat(ProductChange.none().applyTo(LAMP)).isEqualTo(LAMP);
  }

  @Test
  void applyTo_overwritesOnlyTheGivenFields_andLeavesTheVersion() {
    Product changed =
        new ProductChange(Optional.empty(), Optional.of(new BigDecimal("25")), Optional.empty())
            .applyTo(LAMP);

    assertThat(changed)
        .isEqualTo(
            new Product(
                ProductId.of(7), ProducerId.of(3), "Desk lamp", Money.of("25.00", USD), 3, 4));
  }

  @Test
  void applyTo_everyField() {
    Product changed =
        new ProductChange(
                Optional.of("Floor lamp"), Optional.of(new BigDecimal("99.50")), Optional.of(0L))
            .applyTo(LAMP);

    assertThat(changed.title()).isEqualTo("Floor lamp");
    assertThat(changed.price()).isEqualTo(Money.of("99.50", USD));
    assertThat(changed.inventoryCount()).isZero();
    assertThat(changed.id()).isEqualTo(LAMP.id());
    assertThat(changed.producerId()).isEqualTo(LAMP.producerId());
  }

  @Test
  void nullFields_meanAbsent() {
    assertThat(new ProductChange(null, null, null)).isEqualTo(ProductChange.none());
  }

  @Test
  void brokenFields_areAllListed() {
    InvalidInputException e =
        thrownBy(
            InvalidInputException.class,
            () ->
                new ProductChange(
                    Optional.of(" "),
                    Optional.of(new BigDecimal("1000000.001")),
                    Optional.of(-3L)));

    assertThat(e.violations())
        .containsExactly(
            new Violation("title", "must not be blank"),
            new Violation("price", "must be at most 1000000.00"),
            new Violation("price", "must have at most 2 decimals"),
            new Violation("inventory_count", "must be between 0 and 2147483647"));
  }
}

package org.barebones.store.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.DomainException;
import org.barebones.store.domain.shared.Money;
import org.junit.jupiter.api.Test;

class OrderModelTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final Instant NOW = Instant.parse("2025-01-15T10:00:00Z");

  @Test
  void newOrder_totalIsTheSumOfItsLines() {
    NewOrder order =
        new NewOrder(
            CartId.of(1),
            NOW,
            List.of(
                new OrderLine(ProductId.of(1), ProducerId.of(1), "Lamp", Money.of("19.99", USD), 2),
                new OrderLine(ProductId.of(2), ProducerId.of(1), "Mug", Money.of("5.00", USD), 1)));

    assertThat(order.total()).isEqualTo(Money.of("44.98", USD));
  }

  @Test
  void newOrder_withoutLines_cannotBeBuilt() {
    assertThatThrownBy(() -> new NewOrder(CartId.of(1), NOW, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void orderLine_needsAPositiveQuantity() {
    assertThatThrownBy(
            () ->
                new OrderLine(ProductId.of(1), ProducerId.of(1), "Lamp", Money.of("1.00", USD), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void order_linesInProductIdOrder_andKnowsWhichCartPlacedIt() {
    Order order =
        new Order(
            OrderId.of(1),
            CartId.of(5),
            Money.of("3.00", USD),
            NOW,
            List.of(
                new OrderLine(ProductId.of(9), ProducerId.of(1), "B", Money.of("1.00", USD), 1),
                new OrderLine(ProductId.of(3), ProducerId.of(1), "A", Money.of("1.00", USD), 2)),
            List.of(OrderPart.pending(ProducerId.of(1))));

    assertThat(order.lines())
        .extracting(OrderLine::productId)
        .containsExactly(ProductId.of(3), ProductId.of(9));
    assertThat(order.wasPlacedBy(CartId.of(5))).isTrue();
    assertThat(order.wasPlacedBy(CartId.of(6))).isFalse();
  }

  @Test
  void insufficientStock_describesEveryShortage() {
    InsufficientStockException e =
        new InsufficientStockException(
            List.of(new Shortage(ProductId.of(7), 3, 2), new Shortage(ProductId.of(8), 5, 0)));

    assertThat(e.detail())
        .isEqualTo(
            "Only 2 of product 7 in stock, 3 requested; Only 0 of product 8 in stock, 5 requested");
    assertThat(e.code()).isEqualTo("insufficient-stock");
    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
    assertThat(e.shortages()).hasSize(2);
  }

  @Test
  void priceChanged_namesExpectedAndActualTotals() {
    PriceChangedException e =
        new PriceChangedException(
            new BigDecimal("39.98"),
            Money.of("50.00", USD),
            List.of(
                new PriceChange(ProductId.of(1), Money.of("19.99", USD), Money.of("25.00", USD))));

    assertThat(e.detail()).isEqualTo("Expected a total of 39.98 but the current total is 50.00");
    assertThat(e.code()).isEqualTo("price-changed");
    assertThat(e.changes()).hasSize(1);
  }

  @Test
  void emptyCart_isInvalidInput() {
    EmptyCartException e = new EmptyCartException(CartId.of(4));

    assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
    assertThat(e.code()).isEqualTo("empty-cart");
    assertThat(e.violations()).isEmpty();
  }

  @Test
  void priceChanged_describesAnAbsurdExpectedTotalWithoutExpandingIt() {
    PriceChangedException e =
        new PriceChangedException(
            new java.math.BigDecimal("1e999999999"),
            org.barebones.store.domain.shared.Money.of(
                "1.00", java.util.Currency.getInstance("USD")),
            java.util.List.of());

    assertThat(e.detail()).contains("1E+999999999").hasSizeLessThan(200);
  }
}

package org.barebones.store.domain.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.DomainException;
import org.barebones.store.domain.shared.Money;
import org.junit.jupiter.api.Test;

class CartTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final Instant NOW = Instant.parse("2025-01-15T10:00:00Z");

  private static CartLine line(long product, int quantity, String unitPrice) {
    return new CartLine(product * 10, ProductId.of(product), quantity, Money.of(unitPrice, USD));
  }

  private static Cart open(Money cached, List<CartLine> lines) {
    return new Cart(CartId.of(1), CartStatus.OPEN, cached, lines, Optional.empty(), NOW);
  }

  @Test
  void lines_areKeptInProductIdOrder() {
    Cart cart = open(Money.zero(USD), List.of(line(9, 1, "1.00"), line(2, 1, "1.00")));

    assertThat(cart.productIds()).containsExactly(ProductId.of(2), ProductId.of(9));
  }

  @Test
  void aProductOnTwoLines_cannotBeBuilt() {
    assertThatThrownBy(() -> open(Money.zero(USD), List.of(line(2, 1, "1.00"), line(2, 3, "1.00"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one line");
  }

  @Test
  void anOrderId_exactlyWhenCheckedOut() {
    assertThatThrownBy(
            () ->
                new Cart(
                    CartId.of(1),
                    CartStatus.OPEN,
                    Money.zero(USD),
                    List.of(),
                    Optional.of(OrderId.of(1)),
                    NOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Cart(
                    CartId.of(1),
                    CartStatus.CHECKED_OUT,
                    Money.zero(USD),
                    List.of(),
                    Optional.empty(),
                    NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void linesTotal_isTheSumOfQuantityTimesUnitPrice() {
    Cart cart = open(Money.zero(USD), List.of(line(1, 2, "19.99"), line(2, 3, "0.10")));

    assertThat(cart.linesTotal()).isEqualTo(Money.of("40.28", USD));
    assertThat(cart.line(ProductId.of(1)).orElseThrow().lineTotal())
        .isEqualTo(Money.of("39.98", USD));
  }

  @Test
  void linesTotal_ofAnEmptyCart_isZeroNotNull() {
    assertThat(open(Money.zero(USD), List.of()).linesTotal()).isEqualTo(Money.of("0.00", USD));
  }

  @Test
  void requireOpen_onACheckedOutCart_throwsCartCheckedOut() {
    Cart sold =
        new Cart(
            CartId.of(5),
            CartStatus.CHECKED_OUT,
            Money.zero(USD),
            List.of(),
            Optional.of(OrderId.of(1)),
            NOW);

    assertThatThrownBy(sold::requireOpen)
        .isInstanceOfSatisfying(
            CartCheckedOutException.class,
            e -> {
              assertThat(e.code()).isEqualTo("cart-checked-out");
              assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
              assertThat(e.detail()).contains("5");
            });
    assertThat(sold.isOpen()).isFalse();
  }

  @Test
  void cartLine_quantityFromOneToAMillion() {
    assertThat(line(1, 1, "1.00").quantity()).isEqualTo(1);
    assertThat(line(1, CartLine.MAX_QUANTITY, "1.00").quantity()).isEqualTo(1_000_000);
    assertThatThrownBy(() -> line(1, 0, "1.00")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> line(1, 1_000_001, "1.00"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cartLine_pricedAt_keepsIdProductAndQuantity() {
    CartLine repriced = line(4, 2, "1.00").pricedAt(Money.of("2.50", USD));

    assertThat(repriced).isEqualTo(new CartLine(40, ProductId.of(4), 2, Money.of("2.50", USD)));
  }
}

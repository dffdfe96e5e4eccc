package org.barebones.store.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The order's status over its parts' (API.md 1.2), and a part's one-way moves. */
class OrderStatusTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final Money PRICE = Money.of("1.00", Currency.getInstance("USD"));

  /** An order of one line per part, each part as given: p(ending), s(hipped) or c(anceled). */
  private static Order orderOf(String parts) {
    List<OrderLine> lines = new ArrayList<>();
    List<OrderPart> orderParts = new ArrayList<>();
    for (int i = 0; i < parts.length(); i++) {
      ProducerId producer = ProducerId.of(i + 1);
      lines.add(new OrderLine(ProductId.of(i + 1), producer, "Item", PRICE, 1));
      OrderPart pending = OrderPart.pending(producer);
      orderParts.add(
          switch (parts.charAt(i)) {
            case 's' -> pending.shipped(NOW, Optional.empty());
            case 'c' -> pending.canceled(NOW);
            default -> pending;
          });
    }
    return new Order(
        OrderId.of(1), CartId.of(1), PRICE.times(parts.length()), NOW, lines, orderParts);
  }

  /** Parts as {@link #orderOf} takes them, the order's status over them, and why where needed. */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "p, PLACED,",
    "pp, PLACED,",
    "pc, PLACED, 'one canceled, one pending'",
    "ps, PARTIALLY_SHIPPED,",
    "psc, PARTIALLY_SHIPPED,",
    "s, SHIPPED,",
    "sc, SHIPPED, 'none pending, one shipped'",
    "c, CANCELED,",
    "cc, CANCELED,"
  })
  void status_followsTheRulesOfApiMd(String parts, OrderStatus status, String why) {
    assertThat(orderOf(parts).status()).as(why == null ? parts : why).isEqualTo(status);
  }

  @Test
  void aPart_isCanceledOrShippedOnce_andNeverBoth() {
    OrderPart pending = OrderPart.pending(ProducerId.of(1));
    OrderPart canceled = pending.canceled(NOW);
    assertThat(canceled.status()).isEqualTo(PartStatus.CANCELED);
    assertThat(canceled.canceledAt()).contains(NOW);
    assertThat(canceled.shipped(NOW.plusSeconds(1), Optional.of("T"))).isEqualTo(canceled);
    assertThat(canceled.canceled(NOW.plusSeconds(1))).isEqualTo(canceled);
    OrderPart shipped = pending.shipped(NOW, Optional.of("T"));
    assertThat(shipped.canceled(NOW)).isEqualTo(shipped);
    assertThatThrownBy(
            () ->
                new OrderPart(
                    ProducerId.of(1), Optional.of(NOW), Optional.empty(), Optional.of(NOW)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PartStatus.fromCode("canceled")).contains(PartStatus.CANCELED);
  }
}

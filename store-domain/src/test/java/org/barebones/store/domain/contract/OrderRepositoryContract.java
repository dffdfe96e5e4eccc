package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.order.NewOrder;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.product.Product;
import org.junit.jupiter.api.Test;

/** Contract of {@link org.barebones.store.domain.port.OrderRepository}. */
public abstract class OrderRepositoryContract extends ContractSupport {

  private static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123Z");

  @Test
  void add_recordsTheOrderWithItsLineCopies() {
    Product lamp = aProduct(aProducer(), "19.99", 5);
    Product pen = aProduct(aProducer(), "0.10", 5);
    Cart cart = store.carts().create(NOW);
    NewOrder placed =
        new NewOrder(
            cart.id(),
            NOW,
            List.of(
                new OrderLine(pen.id(), "Pen, blue", usd("0.10"), 3),
                new OrderLine(lamp.id(), "Desk lamp", usd("19.99"), 2)));

    Order order = store.orders().add(placed);

    assertThat(order.total()).isEqualTo(usd("40.28"));
    Order found = store.orders().findById(order.id()).orElseThrow();
    assertThat(found.id()).isEqualTo(order.id());
    assertThat(found.cartId()).isEqualTo(cart.id());
    assertThat(found.total()).isEqualTo(usd("40.28"));
    assertThat(found.createdAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(NOW);
    assertThat(found.lines())
        .containsExactlyElementsOf(
            List.of(placed.lines().get(0), placed.lines().get(1)).stream()
                .sorted(java.util.Comparator.comparing(OrderLine::productId))
                .toList());
  }

  @Test
  void anOrderOutlivesItsProducts() {
    Product lamp = aProduct(aProducer(), "19.99", 5);
    Cart cart = store.carts().create(NOW);
    Order order =
        store
            .orders()
            .add(
                new NewOrder(
                    cart.id(),
                    NOW,
                    List.of(new OrderLine(lamp.id(), "Desk lamp", usd("19.99"), 1))));

    assertThat(store.products().delete(lamp.id())).isTrue();

    Order found = store.orders().findById(order.id()).orElseThrow();
    assertThat(found.lines()).singleElement().extracting(OrderLine::title).isEqualTo("Desk lamp");
  }

  @Test
  void findById_whenUnknown_isEmpty() {
    assertThat(store.orders().findById(new OrderId(Long.MAX_VALUE))).isEmpty();
  }
}

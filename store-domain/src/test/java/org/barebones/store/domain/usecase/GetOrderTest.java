package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.shared.ForbiddenException;
import org.barebones.store.domain.shared.NotFoundException;
import org.junit.jupiter.api.Test;

class GetOrderTest {
  private final Scenario shop = Scenario.inMemory();
  private final Store store = shop.store();
  private final OpenedCart cart = shop.aCart().with(shop.aProduct().create(), 1).open();
  private final Order order = shop.checkout(cart);

  @Test
  void get_byTheCartThatPlacedIt_returnsIt() {
    assertThat(store.getOrder().get(cart.cart().id(), order.id())).isEqualTo(order);
  }

  @Test
  void get_byAnotherCart_isForbidden() {
    CartId other = store.createCart().create().cart().id();

    assertThatThrownBy(() -> store.getOrder().get(other, order.id()))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("Order " + order.id() + " was placed by another shopping cart");
  }

  @Test
  void get_anUnknownOrder_isNotFound() {
    assertThatThrownBy(() -> store.getOrder().get(cart.cart().id(), OrderId.of(999)))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No order 999");
  }
}

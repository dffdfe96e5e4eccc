package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartCheckedOutException;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.ForbiddenException;
import org.barebones.store.domain.shared.NotFoundException;
import org.junit.jupiter.api.Test;

class DeleteCartTest {
  private final Scenario shop = Scenario.inMemory();
  private final Store store = shop.store();
  private final Product lamp = shop.aProduct().withStock(3).create();

  @Test
  void delete_anOpenCart_makesItGone() {
    OpenedCart cart = shop.aCart().with(lamp, 2).open();
    CartId id = cart.cart().id();

    store.deleteCart().delete(id, id);

    assertThatThrownBy(() -> shop.current(cart)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.deleteCart().delete(id, id))
        .isInstanceOf(NotFoundException.class);
    assertThat(shop.stockOf(lamp)).isEqualTo(3);
  }

  @Test
  void delete_aCheckedOutCart_isRefused_andKeepsIt() {
    OpenedCart cart = shop.aCart().with(lamp, 2).open();
    shop.checkout(cart);
    Cart sold = shop.current(cart);
    CartId id = cart.cart().id();

    assertThatThrownBy(() -> store.deleteCart().delete(id, id))
        .isInstanceOf(CartCheckedOutException.class);

    assertThat(shop.current(cart)).isEqualTo(sold);
  }

  @Test
  void delete_withAnotherCartsToken_isForbidden_andKeepsIt() {
    OpenedCart cart = shop.aCart().with(lamp, 1).open();
    CartId other = store.createCart().create().cart().id();

    assertThatThrownBy(() -> store.deleteCart().delete(other, cart.cart().id()))
        .isInstanceOf(ForbiddenException.class);

    assertThat(shop.current(cart)).isEqualTo(cart.cart());
  }

  @Test
  void delete_anUnknownCart_isNotFound() {
    assertThatThrownBy(() -> store.deleteCart().delete(CartId.of(999), CartId.of(999)))
        .isInstanceOf(NotFoundException.class);
  }
}

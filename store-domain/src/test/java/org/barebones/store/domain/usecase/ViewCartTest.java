package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.barebones.store.domain.fixtures.Fixtures.usd;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.ForbiddenException;
import org.barebones.store.domain.shared.NotFoundException;
import org.junit.jupiter.api.Test;

class ViewCartTest {
  private final Scenario shop = Scenario.inMemory();
  private final Store store = shop.store();
  private final Product lamp = shop.aProduct().titled("Desk lamp").withPrice("19.99").create();
  private final Product mug = shop.aProduct().titled("Mug").withPrice("5.00").create();
  private final OpenedCart cart = shop.aCart().with(lamp, 2).with(mug, 1).open();
  private final CartId id = cart.cart().id();

  @Test
  void view_returnsTheCartWithItsCurrentProducts() {
    CartView view = store.viewCart().view(id, id, false);

    assertThat(view.cart()).isEqualTo(cart.cart());
    assertThat(view.cart().cachedPrice()).isEqualTo(usd("44.98"));
    assertThat(view.product(lamp.id())).contains(lamp);
    assertThat(view.product(mug.id())).contains(mug);
  }

  @Test
  void view_fromCache_keepsThePriceAsItWas_whenAProductsPriceChanges() {
    Product dearer = shop.changePrice(lamp, "25.00");

    CartView view = store.viewCart().view(id, id, false);

    assertThat(view.cart().cachedPrice()).isEqualTo(usd("44.98"));
    assertThat(view.cart().line(lamp.id()).orElseThrow().unitPrice()).isEqualTo(usd("19.99"));
    assertThat(view.product(lamp.id())).contains(dearer);
  }

  @Test
  void view_repriced_recomputesFromCurrentPrices_andStoresIt() {
    shop.changePrice(lamp, "25.00");
    shop.changePrice(mug, "4.50");

    Cart repriced = store.viewCart().view(id, id, true).cart();

    assertThat(repriced.cachedPrice()).isEqualTo(usd("54.50"));
    assertThat(repriced.line(lamp.id()).orElseThrow().unitPrice()).isEqualTo(usd("25.00"));
    assertThat(repriced.line(mug.id()).orElseThrow().unitPrice()).isEqualTo(usd("4.50"));
    assertThat(store.viewCart().view(id, id, false).cart()).isEqualTo(repriced);
  }

  @Test
  void view_repriced_withNoPriceMoved_changesNothing() {
    assertThat(store.viewCart().view(id, id, true).cart()).isEqualTo(cart.cart());
  }

  @Test
  void view_repriced_ofACheckedOutCart_keepsThePricesItWasSoldAt() {
    shop.checkout(cart);
    Cart sold = shop.current(cart);
    shop.changePrice(lamp, "99.00");

    Cart viewed = store.viewCart().view(id, id, true).cart();

    assertThat(viewed).isEqualTo(sold);
    assertThat(viewed.cachedPrice()).isEqualTo(usd("44.98"));
  }

  @Test
  void view_withAnotherCartsToken_isForbidden() {
    CartId other = store.createCart().create().cart().id();

    assertThatThrownBy(() -> store.viewCart().view(other, id, false))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> store.viewCart().view(other, id, true))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void view_ofAnUnknownCart_isNotFound() {
    CartId unknown = CartId.of(999);

    assertThatThrownBy(() -> store.viewCart().view(unknown, unknown, false))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No shopping cart 999");
    assertThatThrownBy(() -> store.viewCart().view(unknown, unknown, true))
        .isInstanceOf(NotFoundException.class);
  }
}

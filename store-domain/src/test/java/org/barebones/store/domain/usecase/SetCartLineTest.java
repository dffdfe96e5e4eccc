package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.barebones.store.domain.fixtures.Fixtures.usd;
import static org.barebones.store.domain.support.Thrown.thrownBy;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartCheckedOutException;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.order.InsufficientStockException;
import org.barebones.store.domain.order.Shortage;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.ForbiddenException;
import org.barebones.store.domain.shared.InvalidInputException;
import org.barebones.store.domain.shared.NotFoundException;
import org.barebones.store.domain.shared.Violation;
import org.junit.jupiter.api.Test;

class SetCartLineTest {
  private final Scenario shop = Scenario.inMemory();
  private final Store store = shop.store();
  private final OpenedCart cart = store.createCart().create();
  private final Product lamp =
      shop.aProduct().titled("Desk lamp").withPrice("19.99").withStock(3).create();
  private final Product mug =
      shop.aProduct().titled("Mug").withPrice("5.00").withStock(10).create();

  @Test
  void set_addsALinePricedAtTheCurrentPrice() {
    CartView view = shop.setLine(cart, lamp, 2);

    assertThat(view.cart().lines()).hasSize(1);
    CartLine line = view.cart().lines().get(0);
    assertThat(line.productId()).isEqualTo(lamp.id());
    assertThat(line.quantity()).isEqualTo(2);
    assertThat(line.unitPrice()).isEqualTo(usd("19.99"));
    assertThat(view.cart().cachedPrice()).isEqualTo(usd("39.98"));
    assertThat(view.product(lamp.id())).contains(lamp);
    assertThat(shop.current(cart)).isEqualTo(view.cart());
  }

  @Test
  void set_again_changesTheQuantityOfTheSameLine() {
    CartLine added = shop.setLine(cart, lamp, 1).cart().lines().get(0);

    Cart changed = shop.setLine(cart, lamp, 3).cart();

    assertThat(changed.lines())
        .containsExactly(new CartLine(added.id(), lamp.id(), 3, usd("19.99")));
    assertThat(changed.cachedPrice()).isEqualTo(usd("59.97"));
  }

  @Test
  void set_anotherProduct_addsASecondLine_andSumsBoth() {
    shop.setLine(cart, lamp, 2);

    Cart both = shop.setLine(cart, mug, 3).cart();

    assertThat(both.lines()).extracting(CartLine::productId).containsExactly(lamp.id(), mug.id());
    assertThat(both.cachedPrice()).isEqualTo(usd("54.98"));
  }

  @Test
  void set_zero_removesTheLine() {
    shop.setLine(cart, lamp, 2);
    shop.setLine(cart, mug, 1);

    Cart after = shop.setLine(cart, lamp, 0).cart();

    assertThat(after.lines()).extracting(CartLine::productId).containsExactly(mug.id());
    assertThat(after.cachedPrice()).isEqualTo(usd("5.00"));
    assertThat(shop.setLine(cart, mug, 0).cart().cachedPrice()).isEqualTo(usd("0.00"));
  }

  @Test
  void set_zero_forAProductNotInTheCart_changesNothing() {
    shop.setLine(cart, lamp, 2);

    Cart after = shop.setLine(cart, mug, 0).cart();

    assertThat(after.productIds()).containsExactly(lamp.id());
    assertThat(after.cachedPrice()).isEqualTo(usd("39.98"));
  }

  @Test
  void set_zero_removesTheLineOfAProductThatHasSoldOutSince() {
    shop.setLine(cart, lamp, 2);
    shop.changeStock(lamp, 0);

    Cart after = shop.setLine(cart, lamp, 0).cart();

    assertThat(after.isEmpty()).isTrue();
    assertThat(after.cachedPrice()).isEqualTo(usd("0.00"));
  }

  @Test
  void set_lowerButStillOverTheStock_isInsufficientStock() {
    shop.setLine(cart, lamp, 3);
    shop.changeStock(lamp, 1);

    InsufficientStockException e =
        thrownBy(InsufficientStockException.class, () -> shop.setLine(cart, lamp, 2));

    assertThat(e.shortages()).containsExactly(new Shortage(lamp.id(), 2, 1));
    assertThat(shop.current(cart).line(lamp.id()).orElseThrow().quantity()).isEqualTo(3);
  }

  @Test
  void set_exactlyTheStock_isAccepted() {
    assertThat(shop.setLine(cart, lamp, 3).cart().line(lamp.id()).orElseThrow().quantity())
        .isEqualTo(3);
  }

  @Test
  void set_moreThanTheStock_isInsufficientStock_andChangesNothing() {
    shop.setLine(cart, lamp, 1);

    InsufficientStockException e =
        thrownBy(InsufficientStockException.class, () -> shop.setLine(cart, lamp, 4));

    assertThat(e.shortages()).containsExactly(new Shortage(lamp.id(), 4, 3));
    assertThat(e.detail()).isEqualTo("Only 3 of product " + lamp.id() + " in stock, 4 requested");
    assertThat(shop.current(cart).line(lamp.id()).orElseThrow().quantity()).isEqualTo(1);
    assertThat(shop.current(cart).cachedPrice()).isEqualTo(usd("19.99"));
  }

  @Test
  void set_aSoldOutProduct_isInsufficientStock() {
    Product soldOut = shop.aProduct().withStock(0).create();

    InsufficientStockException e =
        thrownBy(InsufficientStockException.class, () -> shop.setLine(cart, soldOut, 1));

    assertThat(e.shortages()).containsExactly(new Shortage(soldOut.id(), 1, 0));
  }

  @Test
  void set_anUnknownProduct_isNotFound() {
    assertThatThrownBy(() -> store.setCartLine().set(command(cart, ProductId.of(999), 1)))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No product 999");
    assertThat(shop.current(cart).isEmpty()).isTrue();
  }

  @Test
  void set_aDeletedProduct_isNotFound() {
    store.deleteProduct().delete(lamp.producerId(), lamp.id(), java.util.Optional.empty());

    assertThatThrownBy(() -> shop.setLine(cart, lamp, 1)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void set_onACheckedOutCart_isRefused() {
    shop.setLine(cart, lamp, 1);
    shop.checkout(cart);
    Cart sold = shop.current(cart);

    assertThatThrownBy(() -> shop.setLine(cart, mug, 1))
        .isInstanceOf(CartCheckedOutException.class);
    assertThatThrownBy(() -> shop.setLine(cart, lamp, 0))
        .isInstanceOf(CartCheckedOutException.class);
    assertThat(shop.current(cart)).isEqualTo(sold);
  }

  @Test
  void set_withAnotherCartsToken_isForbidden_andChangesNeither() {
    OpenedCart other = store.createCart().create();

    assertThatThrownBy(
            () ->
                store
                    .setCartLine()
                    .set(new SetCartLineCommand(other.cart().id(), cart.cart().id(), lamp.id(), 1)))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("This token is for another shopping cart");
    assertThat(shop.current(cart).isEmpty()).isTrue();
    assertThat(shop.current(other).isEmpty()).isTrue();
  }

  @Test
  void set_onAnUnknownCart_isNotFound() {
    CartId unknown = CartId.of(999);

    assertThatThrownBy(
            () -> store.setCartLine().set(new SetCartLineCommand(unknown, unknown, lamp.id(), 1)))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No shopping cart 999");
  }

  @Test
  void quantity_fromZeroToAMillion_isAValidCommand() {
    assertThat(command(cart, lamp.id(), 0).quantity()).isZero();
    assertThat(command(cart, lamp.id(), 1_000_000).quantity()).isEqualTo(1_000_000);
  }

  @Test
  void quantity_negativeOrOverAMillion_isInvalid() {
    Violation rule = new Violation("quantity", "must be between 0 and 1000000");

    assertThat(
            thrownBy(InvalidInputException.class, () -> command(cart, lamp.id(), -1)).violations())
        .containsExactly(rule);
    assertThat(
            thrownBy(InvalidInputException.class, () -> command(cart, lamp.id(), 1_000_001))
                .violations())
        .containsExactly(rule);
  }

  @Test
  void set_aLine_pricesOnlyThatLine() {
    shop.setLine(cart, lamp, 1);
    shop.changePrice(lamp, "25.00");
    shop.changePrice(mug, "6.00");

    Cart withMug = shop.setLine(cart, mug, 1).cart();

    assertThat(withMug.line(lamp.id()).orElseThrow().unitPrice()).isEqualTo(usd("19.99"));
    assertThat(withMug.line(mug.id()).orElseThrow().unitPrice()).isEqualTo(usd("6.00"));
    assertThat(withMug.cachedPrice()).isEqualTo(usd("25.99"));

    Cart lampAgain = shop.setLine(cart, lamp, 2).cart();

    assertThat(lampAgain.line(lamp.id()).orElseThrow().unitPrice()).isEqualTo(usd("25.00"));
    assertThat(lampAgain.cachedPrice()).isEqualTo(usd("56.00"));
  }

  private static SetCartLineCommand command(OpenedCart cart, ProductId product, long quantity) {
    CartId id = cart.cart().id();
    return new SetCartLineCommand(id, id, product, quantity);
  }
}

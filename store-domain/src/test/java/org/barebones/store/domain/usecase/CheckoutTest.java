package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.barebones.store.domain.fixtures.Fixtures.decimal;
import static org.barebones.store.domain.fixtures.Fixtures.usd;
import static org.barebones.store.domain.support.Thrown.thrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.cart.CartStatus;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.order.EmptyCartException;
import org.barebones.store.domain.order.InsufficientStockException;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.order.PriceChange;
import org.barebones.store.domain.order.PriceChangedException;
import org.barebones.store.domain.order.Shortage;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.ForbiddenException;
import org.barebones.store.domain.shared.NotFoundException;
import org.junit.jupiter.api.Test;

class CheckoutTest {
  private final Scenario shop = Scenario.inMemory();
  private final Store store = shop.store();
  // Created in this order, so the pen has the lowest id and its stock is taken first.
  private final Product pen =
      shop.aProduct().titled("Pen").withPrice("1.50").withStock(10).create();
  private final Product lamp =
      shop.aProduct().titled("Desk lamp").withPrice("19.99").withStock(3).create();
  private final Product mug = shop.aProduct().titled("Mug").withPrice("5.00").withStock(4).create();

  @Test
  void checkout_recordsAnOrderCopyingTitlesAndPrices_takesTheStock_andClosesTheCart() {
    OpenedCart cart = shop.aCart().with(lamp, 2).with(mug, 1).open();
    Instant later = shop.clock().advance(Duration.ofMinutes(5)).instant();

    Order order = shop.checkout(cart);

    assertThat(order.id().value()).isPositive();
    assertThat(order.cartId()).isEqualTo(cart.cart().id());
    assertThat(order.createdAt()).isEqualTo(later);
    assertThat(order.lines())
        .containsExactly(
            new OrderLine(lamp.id(), lamp.producerId(), "Desk lamp", usd("19.99"), 2),
            new OrderLine(mug.id(), mug.producerId(), "Mug", usd("5.00"), 1));
    assertThat(order.lines().get(0).lineTotal()).isEqualTo(usd("39.98"));
    assertThat(order.total()).isEqualTo(usd("44.98"));

    assertThat(shop.stockOf(lamp)).isEqualTo(1);
    assertThat(shop.stockOf(mug)).isEqualTo(3);
    assertThat(shop.stockOf(pen)).isEqualTo(10);

    Cart sold = shop.current(cart);
    assertThat(sold.status()).isEqualTo(CartStatus.CHECKED_OUT);
    assertThat(sold.orderId()).contains(order.id());
    assertThat(sold.cachedPrice()).isEqualTo(usd("44.98"));
    assertThat(store.getOrder().get(cart.cart().id(), order.id())).isEqualTo(order);
  }

  @Test
  void checkout_ofTheWholeStock_leavesZero() {
    OpenedCart cart = shop.aCart().with(lamp, 3).open();

    shop.checkout(cart);

    assertThat(shop.stockOf(lamp)).isZero();
  }

  @Test
  void checkout_whenOneLineIsShort_changesNothing() {
    OpenedCart cart = shop.aCart().with(pen, 2).with(lamp, 2).with(mug, 1).open();
    shop.changeStock(lamp, 1);

    InsufficientStockException e =
        thrownBy(InsufficientStockException.class, () -> shop.checkout(cart));

    assertThat(e.shortages()).containsExactly(new Shortage(lamp.id(), 2, 1));
    assertThat(shop.stockOf(pen)).isEqualTo(10);
    assertThat(shop.stockOf(lamp)).isEqualTo(1);
    assertThat(shop.stockOf(mug)).isEqualTo(4);
    assertThat(shop.current(cart)).isEqualTo(cart.cart());
    assertThat(shop.current(cart).isOpen()).isTrue();
    assertNoOrderExists(cart);
  }

  @Test
  void checkout_whenSeveralLinesAreShort_listsEveryOne() {
    OpenedCart cart = shop.aCart().with(pen, 1).with(lamp, 2).with(mug, 3).open();
    shop.changeStock(lamp, 1);
    shop.changeStock(mug, 0);

    InsufficientStockException e =
        thrownBy(InsufficientStockException.class, () -> shop.checkout(cart));

    assertThat(e.shortages())
        .containsExactly(new Shortage(lamp.id(), 2, 1), new Shortage(mug.id(), 3, 0));
    assertThat(shop.stockOf(pen)).isEqualTo(10);
    assertThat(shop.current(cart).isOpen()).isTrue();
  }

  @Test
  void checkout_afterAnotherCartBoughtTheStock_isShort() {
    OpenedCart first = shop.aCart().with(lamp, 2).open();
    OpenedCart second = shop.aCart().with(lamp, 2).open();
    shop.checkout(first);

    InsufficientStockException e =
        thrownBy(InsufficientStockException.class, () -> shop.checkout(second));

    assertThat(e.shortages()).containsExactly(new Shortage(lamp.id(), 2, 1));
    assertThat(shop.stockOf(lamp)).isEqualTo(1);
    assertThat(shop.current(second).isOpen()).isTrue();
  }

  @Test
  void checkout_ofAnEmptyCart_isRefused() {
    OpenedCart cart = store.createCart().create();

    assertThatThrownBy(() -> shop.checkout(cart))
        .isInstanceOfSatisfying(
            EmptyCartException.class, e -> assertThat(e.code()).isEqualTo("empty-cart"));
    assertThat(shop.current(cart).isOpen()).isTrue();
  }

  @Test
  void checkout_ofACartWhoseOnlyProductWasDeleted_isAnEmptyCart() {
    OpenedCart cart = shop.aCart().with(lamp, 1).open();
    store.deleteProduct().delete(lamp.producerId(), lamp.id(), Optional.empty());

    assertThatThrownBy(() -> shop.checkout(cart)).isInstanceOf(EmptyCartException.class);
  }

  @Test
  void checkout_twice_returnsTheSameOrder_andTakesTheStockOnce() {
    OpenedCart cart = shop.aCart().with(lamp, 2).open();
    Order first = shop.checkout(cart);
    shop.clock().advance(Duration.ofHours(1));

    Order second = shop.checkout(cart);

    assertThat(second).isEqualTo(first);
    assertThat(shop.stockOf(lamp)).isEqualTo(1);
  }

  @Test
  void checkout_again_returnsTheOrderWhateverTotalIsExpected() {
    OpenedCart cart = shop.aCart().with(lamp, 1).open();
    Order first = shop.checkout(cart);
    CartId id = cart.cart().id();

    Order again =
        store.checkout().checkout(new CheckoutCommand(id, id, Optional.of(decimal("0.01"))));

    assertThat(again).isEqualTo(first);
  }

  @Test
  void checkout_atTheExpectedTotal_succeeds() {
    OpenedCart cart = shop.aCart().with(lamp, 2).with(mug, 1).open();

    Order order = checkoutExpecting(cart, "44.98");

    assertThat(order.total()).isEqualTo(usd("44.98"));
  }

  @Test
  void checkout_expectedTotal_isComparedByValueNotScale() {
    OpenedCart cart = shop.aCart().with(mug, 2).open();

    assertThat(checkoutExpecting(cart, "10").total()).isEqualTo(usd("10.00"));
  }

  @Test
  void checkout_whenPricesMovedFromTheExpectedTotal_listsEachMovedLine_andChangesNothing() {
    OpenedCart cart = shop.aCart().with(pen, 1).with(lamp, 2).with(mug, 1).open();
    shop.changePrice(lamp, "25.00");
    shop.changePrice(mug, "4.00");

    PriceChangedException e =
        thrownBy(PriceChangedException.class, () -> checkoutExpecting(cart, "46.48"));

    assertThat(e.changes())
        .containsExactly(
            new PriceChange(lamp.id(), usd("19.99"), usd("25.00")),
            new PriceChange(mug.id(), usd("5.00"), usd("4.00")));
    assertThat(e.detail()).isEqualTo("Expected a total of 46.48 but the current total is 55.50");
    assertThat(shop.current(cart)).isEqualTo(cart.cart());
    assertThat(shop.stockOf(pen)).isEqualTo(10);
    assertThat(shop.stockOf(lamp)).isEqualTo(3);
    assertThat(shop.stockOf(mug)).isEqualTo(4);
    assertNoOrderExists(cart);
  }

  @Test
  void checkout_withAWrongExpectedTotal_butNoPriceMoved_isAPriceChangeWithNoLines() {
    OpenedCart cart = shop.aCart().with(lamp, 1).open();

    PriceChangedException e =
        thrownBy(PriceChangedException.class, () -> checkoutExpecting(cart, "10.00"));

    assertThat(e.changes()).isEmpty();
    assertThat(shop.current(cart).isOpen()).isTrue();
  }

  @Test
  void checkout_expectingTheNewTotal_afterAPriceMoved_succeedsAtTheNewPrice() {
    OpenedCart cart = shop.aCart().with(lamp, 2).open();
    shop.changePrice(lamp, "25.00");

    Order order = checkoutExpecting(cart, "50.00");

    assertThat(order.total()).isEqualTo(usd("50.00"));
  }

  @Test
  void checkout_pricesEveryLineAtTheCurrentPrice_andStoresThatInTheCart() {
    OpenedCart cart = shop.aCart().with(lamp, 2).with(mug, 1).open();
    shop.changePrice(lamp, "25.00");
    Product renamed =
        store
            .changeProduct()
            .change(
                new ChangeProductCommand(
                    mug.producerId(),
                    mug.id(),
                    Optional.empty(),
                    new org.barebones.store.domain.product.ProductChange(
                        Optional.of("Big mug"), Optional.empty(), Optional.empty()),
                    Optional.empty()));

    Order order = shop.checkout(cart);

    assertThat(order.lines())
        .containsExactly(
            new OrderLine(lamp.id(), lamp.producerId(), "Desk lamp", usd("25.00"), 2),
            new OrderLine(mug.id(), mug.producerId(), renamed.title(), usd("5.00"), 1));
    assertThat(order.total()).isEqualTo(usd("55.00"));
    Cart sold = shop.current(cart);
    assertThat(sold.line(lamp.id()).orElseThrow().unitPrice()).isEqualTo(usd("25.00"));
    assertThat(sold.cachedPrice()).isEqualTo(usd("55.00"));
  }

  @Test
  void checkout_keepsTheOrdersCopies_whenTheProductChangesLater() {
    OpenedCart cart = shop.aCart().with(lamp, 1).open();
    Order order = shop.checkout(cart);

    shop.changePrice(lamp, "99.00");

    assertThat(store.getOrder().get(cart.cart().id(), order.id()).lines())
        .containsExactly(new OrderLine(lamp.id(), lamp.producerId(), "Desk lamp", usd("19.99"), 1));
  }

  @Test
  void checkout_withAnotherCartsToken_isForbidden_andChangesNothing() {
    OpenedCart cart = shop.aCart().with(lamp, 1).open();
    CartId other = store.createCart().create().cart().id();

    assertThatThrownBy(
            () ->
                store
                    .checkout()
                    .checkout(new CheckoutCommand(other, cart.cart().id(), Optional.empty())))
        .isInstanceOf(ForbiddenException.class);

    assertThat(shop.current(cart).isOpen()).isTrue();
    assertThat(shop.stockOf(lamp)).isEqualTo(3);
  }

  @Test
  void checkout_ofAnUnknownCart_isNotFound() {
    assertThatThrownBy(() -> store.checkout().checkout(CheckoutCommand.of(CartId.of(999))))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No shopping cart 999");
  }

  private Order checkoutExpecting(OpenedCart cart, String total) {
    CartId id = cart.cart().id();
    return store.checkout().checkout(new CheckoutCommand(id, id, Optional.of(decimal(total))));
  }

  private void assertNoOrderExists(OpenedCart cart) {
    assertThat(shop.current(cart).orderId()).isEmpty();
    for (long id = 1; id <= 5; id++) {
      OrderId orderId = OrderId.of(id);
      assertThatThrownBy(() -> store.getOrder().get(cart.cart().id(), orderId))
          .isInstanceOf(NotFoundException.class);
    }
  }
}

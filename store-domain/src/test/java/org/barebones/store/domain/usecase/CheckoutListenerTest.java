package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.fixtures.Fixtures;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.order.InsufficientStockException;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.PriceChangedException;
import org.barebones.store.domain.port.CheckoutListener;
import org.barebones.store.domain.product.Product;
import org.junit.jupiter.api.Test;

/** The checkout tells its listener of each new order once, and of refusals for stock or price. */
class CheckoutListenerTest {
  private final List<Order> placed = new CopyOnWriteArrayList<>();
  private final List<CheckoutListener.Refusal> refused = new ArrayList<>();
  private final MutableClock clock = Fixtures.aClock();
  private final Scenario shop =
      Scenario.over(
          Fixtures.testStoreBuilder(clock)
              .inMemoryPersistence()
              .checkoutListener(
                  new CheckoutListener() {
                    @Override
                    public void orderPlaced(Order order) {
                      placed.add(order);
                    }

                    @Override
                    public void checkoutRefused(Refusal refusal) {
                      refused.add(refusal);
                    }
                  })
              .build(),
          clock);
  private final Store store = shop.store();

  @Test
  void aNewOrder_isToldOnce_andARepeatedCheckoutIsNotToldAgain() {
    Product lamp = shop.aProduct().withPrice("19.99").withStock(3).create();
    OpenedCart cart = shop.aCart().with(lamp, 2).open();

    Order order = shop.checkout(cart);
    Order again = shop.checkout(cart);

    assertThat(again).isEqualTo(order);
    assertThat(placed).containsExactly(order);
    assertThat(refused).isEmpty();
  }

  @Test
  void refusalsForStockAndForPrice_areToldAndPlaceNothing() {
    Product lamp = shop.aProduct().withPrice("19.99").withStock(1).create();
    OpenedCart short1 = shop.aCart().with(lamp, 1).open();
    shop.changeStock(lamp, 0);
    assertThatThrownBy(() -> shop.checkout(short1)).isInstanceOf(InsufficientStockException.class);

    shop.changeStock(lamp, 5);
    OpenedCart moved = shop.aCart().with(lamp, 1).open();
    CartId id = moved.cart().id();
    assertThatThrownBy(
            () ->
                store
                    .checkout()
                    .checkout(new CheckoutCommand(id, id, Optional.of(new BigDecimal("1.00")))))
        .isInstanceOf(PriceChangedException.class);

    assertThat(refused)
        .containsExactly(
            CheckoutListener.Refusal.INSUFFICIENT_STOCK, CheckoutListener.Refusal.PRICE_CHANGED);
    assertThat(placed).isEmpty();
  }
}

package org.barebones.store.domain.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.order.InsufficientStockException;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.PriceChangedException;
import org.barebones.store.domain.order.Shortage;
import org.barebones.store.domain.port.OrderRepository;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.usecase.CheckoutCommand;
import org.barebones.store.domain.usecase.OpenedCart;
import org.junit.jupiter.api.Test;

/**
 * A checkout that fails, for lack of stock or because the expected total no longer holds, changes
 * nothing: no stock (nor product version), no cart line or cached price, no order.
 */
class FailedCheckoutPropertyTest {

  @Test
  void aFailedCheckout_changesNothing() {
    Cases.forAll(
        300,
        40_000,
        c -> {
          Scenario shop = c.shop();
          List<Product> products =
              IntStream.range(0, c.between(1, 5))
                  .mapToObj(
                      i ->
                          c.aProduct()
                              .withPrice(c.price().toPlainString())
                              .withStock(c.between(1, 10))
                              .create())
                  .toList();
          // Some earlier sales, so that there are orders that must stay as they are.
          int earlierOrders = 0;
          for (int i = c.between(0, 2); i > 0; i--) {
            Product p = products.get(c.random.nextInt(products.size()));
            if (shop.stockOf(p) > 1) {
              shop.checkout(shop.aCart().with(p, 1).open());
              earlierOrders++;
            }
          }
          Scenario.CartSetup setup = shop.aCart();
          for (Product p : products) {
            if (c.chance(0.7) || p == products.get(products.size() - 1)) {
              setup.with(p, c.between(1, shop.stockOf(p)));
            }
          }
          OpenedCart cart = setup.open();
          c.log("cart " + cart.cart().lines());

          boolean shorten = c.chance(0.6);
          boolean reprice = !shorten || c.chance(0.5);
          List<Shortage> shortages = new ArrayList<>();
          if (shorten) {
            for (CartLine line : cart.cart().lines()) {
              if (shortages.isEmpty() || c.chance(0.4)) {
                int available = c.between(0, line.quantity() - 1);
                shop.changeStock(shop.store().getProduct().get(line.productId()), available);
                shortages.add(new Shortage(line.productId(), line.quantity(), available));
              }
            }
            c.log("shortages " + shortages);
          }
          Optional<BigDecimal> expectedTotal = Optional.empty();
          if (reprice) {
            BigDecimal expected = cart.cart().cachedPrice().amount();
            CartLine moved = cart.cart().lines().get(c.random.nextInt(cart.cart().lines().size()));
            BigDecimal newPrice = c.price();
            if (newPrice.compareTo(moved.unitPrice().amount()) == 0) {
              newPrice = newPrice.add(new BigDecimal("0.01"));
            }
            shop.changePrice(
                shop.store().getProduct().get(moved.productId()), newPrice.toPlainString());
            expectedTotal = Optional.of(expected);
            c.log("price of " + moved.productId() + " -> " + newPrice + ", expecting " + expected);
          }

          List<Product> productsBefore = products.stream().map(shop::current).toList();
          Cart cartBefore = shop.current(cart);
          int ordersBefore = countOrders(shop);
          assertThat(ordersBefore).isEqualTo(earlierOrders);

          CartId id = cart.cart().id();
          try {
            shop.store().checkout().checkout(new CheckoutCommand(id, id, expectedTotal));
            fail("checkout should have failed");
          } catch (InsufficientStockException e) {
            assertThat(reprice).as("a price change is reported before stock").isFalse();
            assertThat(e.shortages()).containsExactlyElementsOf(shortages);
          } catch (PriceChangedException e) {
            assertThat(reprice).isTrue();
            assertThat(e.changes()).hasSize(1);
          }

          assertThat(products.stream().map(shop::current).toList()).isEqualTo(productsBefore);
          assertThat(shop.current(cart)).isEqualTo(cartBefore);
          assertThat(countOrders(shop)).isEqualTo(ordersBefore);
        });
  }

  /** Orders get increasing ids; a rolled-back checkout may use one up, so look a little further. */
  private static int countOrders(Scenario shop) {
    OrderRepository orders = shop.store().persistence().orders();
    int found = 0;
    for (long id = 1; id <= 10; id++) {
      if (orders.findById(OrderId.of(id)).isPresent()) {
        found++;
      }
    }
    return found;
  }
}

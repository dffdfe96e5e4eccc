package org.barebones.store.domain.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.order.InsufficientStockException;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.usecase.OpenedCart;
import org.junit.jupiter.api.Test;

/**
 * Through any sequence of checkouts (repeats included), stock never goes negative, a checkout
 * succeeds exactly when every line has enough stock left, and for each product the units sold plus
 * the units left are the units there were.
 */
class CheckoutStockPropertyTest {

  @Test
  void stockIsNeverOversold_andUnitsSoldPlusUnitsLeftAreTheInitialStock() {
    Cases.forAll(
        300,
        30_000,
        c -> {
          Scenario shop = c.shop();
          Map<ProductId, Integer> initial = new HashMap<>();
          Map<ProductId, Integer> left = new HashMap<>();
          List<Product> products = new ArrayList<>();
          for (int i = c.between(1, 4); i > 0; i--) {
            int stock = c.between(0, 8);
            Product p = c.aProduct().withStock(stock).create();
            products.add(p);
            initial.put(p.id(), stock);
            left.put(p.id(), stock);
            c.log("product " + p.id() + " with " + stock);
          }
          // Every cart is filled while all the stock is there; checkouts then compete for it.
          List<OpenedCart> carts = new ArrayList<>();
          for (int i = c.between(1, 6); i > 0; i--) {
            Scenario.CartSetup setup = shop.aCart();
            for (Product p : products) {
              if (initial.get(p.id()) > 0 && c.chance(0.6)) {
                setup.with(p, c.between(1, Math.min(5, initial.get(p.id()))));
              }
            }
            OpenedCart cart = setup.open();
            carts.add(cart);
            c.log("cart " + cart.cart().id() + " " + describe(cart.cart().lines()));
          }

          Map<Long, Order> orders = new HashMap<>();
          for (int step = c.between(1, 12); step > 0; step--) {
            OpenedCart cart = carts.get(c.random.nextInt(carts.size()));
            List<CartLine> lines = cart.cart().lines();
            boolean alreadySold = shop.current(cart).orderId().isPresent();
            boolean fits = lines.stream().allMatch(l -> l.quantity() <= left.get(l.productId()));
            c.log("checkout cart " + cart.cart().id() + (alreadySold ? " (again)" : ""));
            if (lines.isEmpty()) {
              continue;
            }
            try {
              Order order = shop.checkout(cart);
              assertThat(alreadySold || fits).as("checkout succeeded").isTrue();
              if (!alreadySold) {
                lines.forEach(l -> left.merge(l.productId(), -l.quantity(), Integer::sum));
              }
              Order earlier = orders.putIfAbsent(order.id().value(), order);
              assertThat(earlier == null || earlier.equals(order)).isTrue();
            } catch (InsufficientStockException e) {
              assertThat(alreadySold || fits).as("checkout failed for lack of stock").isFalse();
              assertThat(shop.current(cart).isOpen()).isTrue();
            }
            for (Product p : products) {
              assertThat(shop.stockOf(p)).isGreaterThanOrEqualTo(0).isEqualTo(left.get(p.id()));
            }
          }

          Map<ProductId, Integer> sold = new HashMap<>();
          for (Order order : orders.values()) {
            for (OrderLine line : order.lines()) {
              sold.merge(line.productId(), line.quantity(), Integer::sum);
            }
          }
          for (Product p : products) {
            assertThat(sold.getOrDefault(p.id(), 0) + shop.stockOf(p))
                .as("sold + left of " + p.id())
                .isEqualTo(initial.get(p.id()));
          }
          long checkedOut = carts.stream().filter(cart -> !shop.current(cart).isOpen()).count();
          assertThat(orders).hasSize((int) checkedOut);
        });
  }

  private static String describe(List<CartLine> lines) {
    StringBuilder s = new StringBuilder();
    for (CartLine line : lines) {
      s.append(line.productId()).append('x').append(line.quantity()).append(' ');
    }
    return s.toString().trim();
  }
}

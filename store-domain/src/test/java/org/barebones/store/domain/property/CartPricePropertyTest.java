package org.barebones.store.domain.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.usecase.OpenedCart;
import org.junit.jupiter.api.Test;

/**
 * A cart's cached price is always the sum of quantity times unit price over its lines, where each
 * line keeps the price it was last priced at, through any sequence of line changes, price changes
 * and repricing views.
 */
class CartPricePropertyTest {

  /** What a line should hold: its quantity and the unit price it was last priced at. */
  private record ExpectedLine(int quantity, BigDecimal unitPrice) {}

  @Test
  void cachedPrice_isAlwaysTheSumOfItsLines() {
    Cases.forAll(
        300,
        10_000,
        c -> {
          Scenario shop = c.shop();
          List<Product> products = new ArrayList<>();
          Map<ProductId, BigDecimal> currentPrice = new TreeMap<>();
          for (int i = c.between(1, 5); i > 0; i--) {
            BigDecimal price = c.price();
            Product p = c.aProduct().withPrice(price.toPlainString()).withStock(1_000_000).create();
            products.add(p);
            currentPrice.put(p.id(), p.price().amount());
            c.log("product " + p.id() + " at " + price);
          }
          OpenedCart cart = shop.store().createCart().create();
          CartId id = cart.cart().id();
          Map<ProductId, ExpectedLine> expected = new TreeMap<>();

          for (int step = c.between(1, 40); step > 0; step--) {
            Product product = products.get(c.random.nextInt(products.size()));
            double roll = c.random.nextDouble();
            if (roll < 0.7) {
              int quantity = c.chance(0.2) ? 0 : c.between(1, 20);
              c.log("set " + product.id() + " x " + quantity);
              shop.setLine(cart, product, quantity);
              if (quantity == 0) {
                expected.remove(product.id());
              } else {
                expected.put(
                    product.id(), new ExpectedLine(quantity, currentPrice.get(product.id())));
              }
            } else if (roll < 0.9) {
              BigDecimal price = c.price();
              c.log("price of " + product.id() + " -> " + price);
              shop.changePrice(product, price.toPlainString());
              currentPrice.put(product.id(), price);
            } else {
              c.log("view repriced");
              shop.store().viewCart().view(id, id, true);
              expected.replaceAll(
                  (p, line) -> new ExpectedLine(line.quantity(), currentPrice.get(p)));
            }

            Cart stored = shop.current(cart);
            assertThat(stored.cachedPrice().amount())
                .as("cached price vs. its lines")
                .isEqualByComparingTo(sumOf(stored.lines()));
            assertThat(lines(stored)).as("lines").isEqualTo(expected);
            assertThat(stored.cachedPrice().amount())
                .as("cached price vs. the lines the cart should hold")
                .isEqualByComparingTo(expectedTotal(expected));
          }
        });
  }

  @Test
  void checkout_chargesTheSumOfTheLinesAtCurrentPrices() {
    Cases.forAll(
        200,
        20_000,
        c -> {
          Scenario shop = c.shop();
          Scenario.CartSetup setup = shop.aCart();
          List<Product> products = new ArrayList<>();
          for (int i = c.between(1, 5); i > 0; i--) {
            Product p = c.aProduct().withPrice(c.price().toPlainString()).create();
            products.add(p);
            setup.with(p, c.between(1, 10));
          }
          OpenedCart cart = setup.open();
          Map<ProductId, BigDecimal> currentPrice = new TreeMap<>();
          for (Product p : products) {
            BigDecimal price = c.chance(0.5) ? c.price() : p.price().amount();
            shop.changePrice(p, price.toPlainString());
            currentPrice.put(p.id(), price);
            c.log("product " + p.id() + " from " + p.price() + " to " + price);
          }

          var order = shop.checkout(cart);

          BigDecimal expected = BigDecimal.ZERO;
          for (CartLine line : cart.cart().lines()) {
            expected =
                expected.add(
                    currentPrice
                        .get(line.productId())
                        .multiply(BigDecimal.valueOf(line.quantity())));
          }
          assertThat(order.total().amount()).isEqualByComparingTo(expected);
          assertThat(shop.current(cart).cachedPrice()).isEqualTo(order.total());
        });
  }

  private static BigDecimal sumOf(List<CartLine> lines) {
    BigDecimal sum = BigDecimal.ZERO;
    for (CartLine line : lines) {
      sum = sum.add(line.unitPrice().amount().multiply(BigDecimal.valueOf(line.quantity())));
    }
    return sum;
  }

  private static BigDecimal expectedTotal(Map<ProductId, ExpectedLine> lines) {
    BigDecimal sum = BigDecimal.ZERO;
    for (ExpectedLine line : lines.values()) {
      sum = sum.add(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
    }
    return sum;
  }

  private static Map<ProductId, ExpectedLine> lines(Cart cart) {
    Map<ProductId, ExpectedLine> found = new TreeMap<>();
    for (CartLine line : cart.lines()) {
      found.put(line.productId(), new ExpectedLine(line.quantity(), line.unitPrice().amount()));
    }
    return found;
  }
}

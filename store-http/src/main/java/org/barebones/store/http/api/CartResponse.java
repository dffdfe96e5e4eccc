package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.cart.CartStatus;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.usecase.CartView;

/**
 * Response body: a ShoppingCart. Each entry shows the product as it is now, or {@code null} if it
 * has left the catalogue.
 */
public record CartResponse(
    long id,
    String status,
    String currency,
    @JsonProperty("cached_price") BigDecimal cachedPrice,
    @JsonProperty("order_id") Long orderId,
    @JsonProperty("shopping_cart_entries") List<Entry> entries) {

  /** One line of the cart. */
  public record Entry(
      long id,
      @JsonProperty("shopping_cart_id") long shoppingCartId,
      int quantity,
      @JsonProperty("unit_price") BigDecimal unitPrice,
      @JsonProperty("product_id") long productId,
      ProductResponse product) {}

  public static CartResponse from(CartView view) {
    Cart cart = view.cart();
    List<Entry> entries =
        cart.lines().stream()
            .map(
                (CartLine line) ->
                    new Entry(
                        line.id(),
                        cart.id().value(),
                        line.quantity(),
                        line.unitPrice().amount(),
                        line.productId().value(),
                        view.product(line.productId()).map(ProductResponse::from).orElse(null)))
            .toList();
    return new CartResponse(
        cart.id().value(),
        cart.status() == CartStatus.OPEN ? "open" : "checked_out",
        cart.cachedPrice().currency().getCurrencyCode(),
        cart.cachedPrice().amount(),
        cart.orderId().map(OrderId::value).orElse(null),
        entries);
  }
}

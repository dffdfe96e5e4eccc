package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderLine;

/** Response body: an Order, with its own copies of titles and prices. */
public record OrderResponse(
    long id,
    @JsonProperty("shopping_cart_id") long shoppingCartId,
    String currency,
    BigDecimal total,
    @JsonProperty("created_at") String createdAt,
    List<Line> lines) {

  /** One line of the order. */
  public record Line(
      @JsonProperty("product_id") long productId,
      String title,
      @JsonProperty("unit_price") BigDecimal unitPrice,
      int quantity,
      @JsonProperty("line_total") BigDecimal lineTotal) {

    static Line from(OrderLine line) {
      return new Line(
          line.productId().value(),
          line.title(),
          line.unitPrice().amount(),
          line.quantity(),
          line.lineTotal().amount());
    }
  }

  public static OrderResponse from(Order order) {
    return new OrderResponse(
        order.id().value(),
        order.cartId().value(),
        order.total().currency().getCurrencyCode(),
        order.total().amount(),
        order.createdAt().toString(),
        order.lines().stream().map(Line::from).toList());
  }
}

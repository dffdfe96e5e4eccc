package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.order.OrderPart;
import org.barebones.store.domain.order.PartStatus;
import org.barebones.store.domain.producer.ProducerId;

/**
 * Response body: the buyer's Order, with its own copies of titles and prices, its status, and on
 * each line its producer and that producer's part's status, tracking and cancellation time.
 */
public record OrderResponse(
    long id,
    @JsonProperty("shopping_cart_id") long shoppingCartId,
    String currency,
    BigDecimal total,
    @JsonProperty("created_at") String createdAt,
    String status,
    List<Line> lines) {

  /**
   * One line of the order. A line recorded before orders remembered producers, whose product was
   * gone by then, has a null {@code producer_id} and stays pending: it is no producer's to ship.
   */
  public record Line(
      @JsonProperty("product_id") long productId,
      @JsonProperty("producer_id") Long producerId,
      String title,
      @JsonProperty("unit_price") BigDecimal unitPrice,
      int quantity,
      @JsonProperty("line_total") BigDecimal lineTotal,
      String status,
      String tracking,
      @JsonProperty("canceled_at") String canceledAt) {

    static Line from(OrderLine line, Optional<OrderPart> part) {
      return new Line(
          line.productId().value(),
          line.producerId().map(ProducerId::value).orElse(null),
          line.title(),
          line.unitPrice().amount(),
          line.quantity(),
          line.lineTotal().amount(),
          part.map(OrderPart::status).orElse(PartStatus.PENDING).code(),
          part.flatMap(OrderPart::tracking).orElse(null),
          part.flatMap(OrderPart::canceledAt).map(Object::toString).orElse(null));
    }
  }

  public static OrderResponse from(Order order) {
    return new OrderResponse(
        order.id().value(),
        order.cartId().value(),
        order.total().currency().getCurrencyCode(),
        order.total().amount(),
        order.createdAt().toString(),
        order.status().code(),
        order.lines().stream().map(line -> Line.from(line, order.partOf(line))).toList());
  }
}

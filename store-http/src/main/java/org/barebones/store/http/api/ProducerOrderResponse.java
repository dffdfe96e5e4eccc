package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.order.ProducerOrder;

/**
 * Response body: a ProducerOrder, one producer's part of an order: its own lines and their total
 * only, and whether and when it shipped them, or when they were canceled.
 */
public record ProducerOrderResponse(
    long id,
    @JsonProperty("created_at") String createdAt,
    String currency,
    String status,
    @JsonProperty("shipped_at") String shippedAt,
    String tracking,
    @JsonProperty("canceled_at") String canceledAt,
    BigDecimal total,
    List<Line> lines) {

  /** One of the producer's lines in the order. */
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

  public static ProducerOrderResponse from(ProducerOrder order) {
    return new ProducerOrderResponse(
        order.orderId().value(),
        order.createdAt().toString(),
        order.total().currency().getCurrencyCode(),
        order.status().code(),
        order.part().shippedAt().map(Object::toString).orElse(null),
        order.part().tracking().orElse(null),
        order.part().canceledAt().map(Object::toString).orElse(null),
        order.total().amount(),
        order.lines().stream().map(Line::from).toList());
  }
}

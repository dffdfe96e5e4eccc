package org.barebones.store.http.api;

import org.barebones.store.domain.order.Order;

/** Response body of a checkout: a message and the order. */
public record CheckoutResponse(String message, OrderResponse order) {

  public static CheckoutResponse from(Order order) {
    return new CheckoutResponse(
        "Shopping cart " + order.cartId() + " is checked out as order " + order.id(),
        OrderResponse.from(order));
  }
}

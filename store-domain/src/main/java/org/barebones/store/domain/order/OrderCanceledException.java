package org.barebones.store.domain.order;

import org.barebones.store.domain.shared.ConflictException;

/** Failure: a shipment of a part that was canceled. */
public class OrderCanceledException extends ConflictException {
  private static final long serialVersionUID = 1L;

  public OrderCanceledException(OrderId id) {
    super("order-canceled", "Order canceled", "This part of order " + id + " was canceled");
  }
}

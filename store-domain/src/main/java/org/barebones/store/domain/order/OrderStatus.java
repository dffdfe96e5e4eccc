package org.barebones.store.domain.order;

/**
 * Value: how far an order has been shipped, or that it was canceled, which follows from its
 * producers' parts.
 */
public enum OrderStatus {
  PLACED("placed"),
  PARTIALLY_SHIPPED("partially_shipped"),
  SHIPPED("shipped"),
  CANCELED("canceled");

  private final String code;

  OrderStatus(String code) {
    this.code = code;
  }

  /** The name clients use. */
  public String code() {
    return code;
  }
}

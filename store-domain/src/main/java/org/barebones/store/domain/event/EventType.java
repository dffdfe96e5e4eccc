package org.barebones.store.domain.event;

import java.util.Arrays;
import java.util.Optional;

/** Value: the kinds of store event, with the names API.md gives them on the wire. */
public enum EventType {
  ORDER_PLACED("order.placed"),
  ORDER_SHIPPED("order.shipped"),
  PRODUCT_OUT_OF_STOCK("product.out_of_stock"),
  ORDER_CANCELED("order.canceled"),
  PRODUCT_BACK_IN_STOCK("product.back_in_stock");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in an event's {@code type} field and in configuration, e.g. {@code order.placed}. */
  public String wireName() {
    return wireName;
  }

  public static Optional<EventType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wireName;
  }
}

package org.barebones.store.domain.order;

import java.util.Arrays;
import java.util.Optional;

/** Value: whether a producer's part of an order has left its hands, or was canceled. */
public enum PartStatus {
  PENDING("pending"),
  SHIPPED("shipped"),
  CANCELED("canceled");

  private final String code;

  PartStatus(String code) {
    this.code = code;
  }

  /** The name clients and the database use. */
  public String code() {
    return code;
  }

  public static Optional<PartStatus> fromCode(String code) {
    return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
  }
}

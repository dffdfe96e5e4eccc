package org.barebones.store.domain.order;

/** Value: who canceled a part of an order: its buyer (every pending part) or its producer. */
public enum CanceledBy {
  BUYER("buyer"),
  PRODUCER("producer");

  private final String code;

  CanceledBy(String code) {
    this.code = code;
  }

  /** The name clients and the database use. */
  public String code() {
    return code;
  }

  public static CanceledBy fromCode(String code) {
    for (CanceledBy by : values()) {
      if (by.code.equals(code)) {
        return by;
      }
    }
    throw new IllegalArgumentException("unknown canceler " + code);
  }
}

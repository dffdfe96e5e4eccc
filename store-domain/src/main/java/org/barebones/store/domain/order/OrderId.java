package org.barebones.store.domain.order;

/** Value: the identity of an order, a positive 64-bit integer. */
public record OrderId(long value) implements Comparable<OrderId> {
  public OrderId {
    if (value <= 0) {
      throw new IllegalArgumentException("OrderId must be positive: " + value);
    }
  }

  public static OrderId of(long value) {
    return new OrderId(value);
  }

  @Override
  public int compareTo(OrderId other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}

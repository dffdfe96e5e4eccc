package org.barebones.store.domain.cart;

/** Value: the identity of a shopping cart, a positive 64-bit integer. */
public record CartId(long value) implements Comparable<CartId> {
  public CartId {
    if (value <= 0) {
      throw new IllegalArgumentException("CartId must be positive: " + value);
    }
  }

  public static CartId of(long value) {
    return new CartId(value);
  }

  @Override
  public int compareTo(CartId other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}

package org.barebones.store.domain.product;

/** Value: the identity of a product, a positive 64-bit integer. */
public record ProductId(long value) implements Comparable<ProductId> {
  public ProductId {
    if (value <= 0) {
      throw new IllegalArgumentException("ProductId must be positive: " + value);
    }
  }

  public static ProductId of(long value) {
    return new ProductId(value);
  }

  @Override
  public int compareTo(ProductId other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}

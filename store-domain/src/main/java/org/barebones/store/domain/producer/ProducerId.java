package org.barebones.store.domain.producer;

/** Value: the identity of a producer, a positive 64-bit integer. */
public record ProducerId(long value) implements Comparable<ProducerId> {
  public ProducerId {
    if (value <= 0) {
      throw new IllegalArgumentException("ProducerId must be positive: " + value);
    }
  }

  public static ProducerId of(long value) {
    return new ProducerId(value);
  }

  @Override
  public int compareTo(ProducerId other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}

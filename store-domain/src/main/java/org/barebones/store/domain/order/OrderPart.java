package org.barebones.store.domain.order;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.producer.ProducerId;

/**
 * Value: one producer's part of an order (the lines it sold in it) as far as shipping goes: pending
 * until the producer ships it, then shipped at a time, with the tracking text it gave, if any.
 */
public record OrderPart(
    ProducerId producerId, Optional<Instant> shippedAt, Optional<String> tracking) {
  public OrderPart {
    Objects.requireNonNull(producerId, "producerId");
    Objects.requireNonNull(shippedAt, "shippedAt");
    Objects.requireNonNull(tracking, "tracking");
    if (shippedAt.isEmpty() && tracking.isPresent()) {
      throw new IllegalArgumentException("a pending part has no tracking");
    }
  }

  /** A part not yet shipped. */
  public static OrderPart pending(ProducerId producer) {
    return new OrderPart(producer, Optional.empty(), Optional.empty());
  }

  public PartStatus status() {
    return shippedAt.isPresent() ? PartStatus.SHIPPED : PartStatus.PENDING;
  }

  public boolean isShipped() {
    return shippedAt.isPresent();
  }

  /** This part shipped at {@code at}; a part already shipped stays as it was. */
  public OrderPart shipped(Instant at, Optional<String> trackingText) {
    if (isShipped()) {
      return this;
    }
    return new OrderPart(producerId, Optional.of(at), trackingText);
  }
}

package org.barebones.store.domain.order;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.producer.ProducerId;

/**
 * Value: one producer's part of an order (the lines it sold in it) as far as shipping goes: pending
 * until the producer ships it (then shipped at a time, with the tracking text it gave, if any) or
 * until it is canceled (then canceled at a time). A part is never both shipped and canceled.
 */
public record OrderPart(
    ProducerId producerId,
    Optional<Instant> shippedAt,
    Optional<String> tracking,
    Optional<Instant> canceledAt) {
  public OrderPart {
    Objects.requireNonNull(producerId, "producerId");
    Objects.requireNonNull(shippedAt, "shippedAt");
    Objects.requireNonNull(tracking, "tracking");
    Objects.requireNonNull(canceledAt, "canceledAt");
    if (shippedAt.isEmpty() && tracking.isPresent()) {
      throw new IllegalArgumentException("a part not shipped has no tracking");
    }
    if (shippedAt.isPresent() && canceledAt.isPresent()) {
      throw new IllegalArgumentException("a part is either shipped or canceled, not both");
    }
  }

  /** A part that is pending or shipped (never canceled). */
  public OrderPart(ProducerId producerId, Optional<Instant> shippedAt, Optional<String> tracking) {
    this(producerId, shippedAt, tracking, Optional.empty());
  }

  /** A part not yet shipped. */
  public static OrderPart pending(ProducerId producer) {
    return new OrderPart(producer, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public PartStatus status() {
    if (shippedAt.isPresent()) {
      return PartStatus.SHIPPED;
    }
    return canceledAt.isPresent() ? PartStatus.CANCELED : PartStatus.PENDING;
  }

  public boolean isShipped() {
    return shippedAt.isPresent();
  }

  public boolean isCanceled() {
    return canceledAt.isPresent();
  }

  public boolean isPending() {
    return shippedAt.isEmpty() && canceledAt.isEmpty();
  }

  /** This part shipped at {@code at}; a part already shipped or canceled stays as it was. */
  public OrderPart shipped(Instant at, Optional<String> trackingText) {
    if (!isPending()) {
      return this;
    }
    return new OrderPart(producerId, Optional.of(at), trackingText, Optional.empty());
  }

  /** This part canceled at {@code at}; a part already shipped or canceled stays as it was. */
  public OrderPart canceled(Instant at) {
    if (!isPending()) {
      return this;
    }
    return new OrderPart(producerId, Optional.empty(), Optional.empty(), Optional.of(at));
  }
}

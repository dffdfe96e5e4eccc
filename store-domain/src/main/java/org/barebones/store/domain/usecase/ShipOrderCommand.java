package org.barebones.store.domain.usecase;

import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.Violations;

/**
 * Command: a producer ships its part of an order, with an optional tracking text (at most {@link
 * #MAX_TRACKING_LENGTH} characters, no control characters; blank means none).
 */
public record ShipOrderCommand(ProducerId caller, OrderId orderId, Optional<String> tracking) {

  public static final int MAX_TRACKING_LENGTH = 255;

  public ShipOrderCommand {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(tracking, "tracking");
    tracking = tracking.filter(text -> !text.isBlank());
    if (tracking.isPresent()) {
      String text = tracking.get();
      Violations violations = new Violations();
      violations.check(
          text.codePointCount(0, text.length()) <= MAX_TRACKING_LENGTH,
          "tracking",
          "must be at most " + MAX_TRACKING_LENGTH + " characters");
      // NUL above all: PostgreSQL refuses it in text.
      violations.check(
          text.chars().noneMatch(Character::isISOControl),
          "tracking",
          "must not contain control characters");
      violations.throwIfAny();
    }
  }

  public static ShipOrderCommand of(ProducerId caller, OrderId order) {
    return new ShipOrderCommand(caller, order, Optional.empty());
  }
}

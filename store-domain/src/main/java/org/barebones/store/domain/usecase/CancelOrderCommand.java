package org.barebones.store.domain.usecase;

import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.shared.Violations;

/**
 * Command: the buyer (the holder of the cart that placed the order) or a producer cancels what it
 * may of an order, with an optional reason (at most {@link #MAX_REASON_LENGTH} characters, no
 * control characters; blank means none).
 */
public record CancelOrderCommand(Caller caller, OrderId orderId, Optional<String> reason) {

  public static final int MAX_REASON_LENGTH = 255;

  public CancelOrderCommand {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(reason, "reason");
    reason = reason.filter(text -> !text.isBlank());
    if (reason.isPresent()) {
      String text = reason.get();
      Violations violations = new Violations();
      violations.check(
          text.codePointCount(0, text.length()) <= MAX_REASON_LENGTH,
          "reason",
          "must be at most " + MAX_REASON_LENGTH + " characters");
      // NUL above all: PostgreSQL refuses it in text.
      violations.check(
          text.chars().noneMatch(Character::isISOControl),
          "reason",
          "must not contain control characters");
      violations.throwIfAny();
    }
  }

  public static CancelOrderCommand of(Caller caller, OrderId order) {
    return new CancelOrderCommand(caller, order, Optional.empty());
  }
}

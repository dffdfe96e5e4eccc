package org.barebones.store.http.api;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.LongFunction;
import org.barebones.store.domain.shared.Violations;

/** Rules that request bodies share before their values reach the domain's commands. */
final class BodyValues {
  private BodyValues() {}

  /** An optional id from a body: absent stays absent, a non-positive one is a violation. */
  static <T> Optional<T> optionalId(
      Long value, String field, LongFunction<T> idOf, Violations violations) {
    if (value == null) {
      return Optional.empty();
    }
    if (violations.check(value > 0, field, "must be a positive id")) {
      return Optional.of(idOf.apply(value));
    }
    return Optional.empty();
  }

  /** Whether {@code price} and {@code cost}, the same field under two names, disagree. */
  static boolean pricesConflict(BigDecimal price, BigDecimal cost) {
    return price != null && cost != null && price.compareTo(cost) != 0;
  }

  /**
   * {@code price}, or {@code cost}, its other name from the original API's documentation; both sent
   * and different is a violation.
   */
  static BigDecimal priceOrCost(BigDecimal price, BigDecimal cost, Violations violations) {
    if (pricesConflict(price, cost)) {
      violations.add("price", "differs from cost, its other name; send one of them");
    }
    return price != null ? price : cost;
  }
}

package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Optional;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.Violations;
import org.barebones.store.domain.usecase.CheckoutCommand;

/**
 * Optional request body of a checkout: the total the buyer was shown, to buy only at that total.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckoutRequest(@JsonProperty("expected_total") BigDecimal expectedTotal) {

  public static final CheckoutRequest NONE = new CheckoutRequest(null);

  /**
   * Far above any total a cart can reach, and small enough that every layer may print it: an
   * exponent such as {@code 1e999999999} would otherwise expand to a billion digits.
   */
  static final BigDecimal MAX_EXPECTED_TOTAL = new BigDecimal("1000000000000000");

  public CheckoutCommand toCommand(CartId caller, CartId cart) {
    if (expectedTotal != null) {
      Violations violations = new Violations();
      violations.check(expectedTotal.signum() >= 0, "expected_total", "must not be negative");
      violations.check(
          expectedTotal.compareTo(MAX_EXPECTED_TOTAL) < 0,
          "expected_total",
          "must be less than " + MAX_EXPECTED_TOTAL.toPlainString());
      violations.check(
          Money.hasAtMostTwoDecimals(expectedTotal),
          "expected_total",
          "must have at most 2 decimals");
      violations.throwIfAny();
    }
    return new CheckoutCommand(caller, cart, Optional.ofNullable(expectedTotal));
  }
}

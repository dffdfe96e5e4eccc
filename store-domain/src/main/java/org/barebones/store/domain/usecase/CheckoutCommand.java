package org.barebones.store.domain.usecase;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.cart.CartId;

/**
 * Command: a cart's holder buys what the cart holds. With {@code expectedTotal}, only at that
 * total.
 */
public record CheckoutCommand(CartId caller, CartId cartId, Optional<BigDecimal> expectedTotal) {
  public CheckoutCommand {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(cartId, "cartId");
    Objects.requireNonNull(expectedTotal, "expectedTotal");
  }

  public static CheckoutCommand of(CartId cart) {
    return new CheckoutCommand(cart, cart, Optional.empty());
  }
}

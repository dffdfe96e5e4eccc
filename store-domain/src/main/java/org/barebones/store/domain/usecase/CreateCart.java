package org.barebones.store.domain.usecase;

import java.time.Clock;
import java.util.Objects;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.port.CartRepository;
import org.barebones.store.domain.port.TokenService;

/** Use case: anyone opens an anonymous cart and gets its token. */
public final class CreateCart {
  private final CartRepository carts;
  private final TokenService tokens;
  private final Clock clock;

  public CreateCart(CartRepository carts, TokenService tokens, Clock clock) {
    this.carts = Objects.requireNonNull(carts, "carts");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public OpenedCart create() {
    Cart cart = carts.create(clock.instant());
    return new OpenedCart(cart, tokens.issueCartToken(cart.id()));
  }
}

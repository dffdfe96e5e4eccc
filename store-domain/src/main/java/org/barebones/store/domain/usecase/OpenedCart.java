package org.barebones.store.domain.usecase;

import java.util.Objects;
import org.barebones.store.domain.cart.Cart;

/** Result: a new cart and the token that alone opens it. */
public record OpenedCart(Cart cart, String token) {
  public OpenedCart {
    Objects.requireNonNull(cart, "cart");
    Objects.requireNonNull(token, "token");
  }

  @Override
  public String toString() {
    return "OpenedCart[cart=" + cart.id() + "]";
  }
}

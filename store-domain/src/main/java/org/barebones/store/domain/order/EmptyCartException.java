package org.barebones.store.domain.order;

import java.util.List;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.shared.InvalidInputException;

/** Failure: a checkout of a cart with no lines. */
public class EmptyCartException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  public EmptyCartException(CartId id) {
    super("empty-cart", "Empty cart", "Shopping cart " + id + " is empty", List.of());
  }
}

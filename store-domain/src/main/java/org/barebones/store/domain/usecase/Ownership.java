package org.barebones.store.domain.usecase;

import java.util.Optional;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.ForbiddenException;

/** Policy: a producer touches only its own products; a cart token opens only its own cart. */
final class Ownership {
  private Ownership() {}

  static void requireOwner(ProducerId actor, Product product, Optional<ProducerId> named) {
    if (!product.isOwnedBy(actor)) {
      throw new ForbiddenException("Product " + product.id() + " belongs to another producer");
    }
    requireSelf(actor, named);
  }

  /** A producer id sent in a request body must be the caller's own. */
  static void requireSelf(ProducerId actor, Optional<ProducerId> named) {
    if (named.isPresent() && !named.get().equals(actor)) {
      throw new ForbiddenException("A producer may act only as itself");
    }
  }

  static void requireHolder(CartId caller, CartId cart) {
    if (!caller.equals(cart)) {
      throw new ForbiddenException("This token is for another shopping cart");
    }
  }
}

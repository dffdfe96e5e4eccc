package org.barebones.store.domain.cart;

import org.barebones.store.domain.shared.ConflictException;

/** Failure: a change to a cart that is already checked out. */
public class CartCheckedOutException extends ConflictException {
  private static final long serialVersionUID = 1L;

  public CartCheckedOutException(CartId id) {
    super(
        "cart-checked-out",
        "Cart checked out",
        "Shopping cart " + id + " is already checked out and can no longer change");
  }
}

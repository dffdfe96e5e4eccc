package org.barebones.store.domain.usecase;

import java.util.Objects;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Violations;

/**
 * Command: set how many units of a product a cart holds (0 removes the line). {@code caller} is the
 * cart named by the token.
 */
public record SetCartLineCommand(CartId caller, CartId cartId, ProductId productId, long quantity) {
  public SetCartLineCommand {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(cartId, "cartId");
    Objects.requireNonNull(productId, "productId");
    Violations violations = new Violations();
    violations.check(
        quantity >= 0 && quantity <= CartLine.MAX_QUANTITY,
        "quantity",
        "must be between 0 and " + CartLine.MAX_QUANTITY);
    violations.throwIfAny();
  }
}

package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Violations;
import org.barebones.store.domain.usecase.SetCartLineCommand;

/** Request body of a cart change: how many units of one product the cart holds. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SetCartLineRequest(@JsonProperty("product_id") Long productId, Long quantity) {

  public SetCartLineCommand toCommand(CartId caller, CartId cart) {
    Violations violations = new Violations();
    violations.check(productId != null, "product_id", "is required");
    Optional<ProductId> product =
        BodyValues.optionalId(productId, "product_id", ProductId::of, violations);
    violations.check(quantity != null, "quantity", "is required");
    violations.throwIfAny();
    return new SetCartLineCommand(caller, cart, product.orElseThrow(), quantity);
  }
}

package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.barebones.store.domain.usecase.CartView;
import org.barebones.store.domain.usecase.OpenedCart;

/** Response body of cart creation: the new cart and the token that alone opens it. */
public record OpenedCartResponse(
    @JsonProperty("auth_token") String authToken,
    @JsonProperty("shopping_cart") CartResponse shoppingCart) {

  public static OpenedCartResponse from(OpenedCart opened) {
    return new OpenedCartResponse(
        opened.token(), CartResponse.from(new CartView(opened.cart(), Map.of())));
  }

  @Override
  public String toString() {
    return "OpenedCartResponse[shoppingCart=" + shoppingCart.id() + "]";
  }
}

package org.barebones.store.domain.usecase;

import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.port.CartRepository;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.shared.NotFoundException;

/** Shared steps of the cart use cases. */
final class Carts {
  private Carts() {}

  static NotFoundException notFound(CartId id) {
    return new NotFoundException("No shopping cart " + id);
  }

  static Cart locked(CartRepository carts, CartId id) {
    return carts.lockById(id).orElseThrow(() -> notFound(id));
  }

  static CartView view(Cart cart, ProductRepository products) {
    return new CartView(
        cart, cart.isEmpty() ? java.util.Map.of() : products.findAllById(cart.productIds()));
  }

  static CartView reload(CartId id, CartRepository carts, ProductRepository products) {
    return view(carts.findById(id).orElseThrow(() -> notFound(id)), products);
  }
}

package org.barebones.store.domain.usecase;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;

/** Result: a cart with the current state of the products on its lines. */
public record CartView(Cart cart, Map<ProductId, Product> products) {
  public CartView {
    Objects.requireNonNull(cart, "cart");
    products = Map.copyOf(products);
  }

  /** The current product of a line; empty if it has left the catalogue since. */
  public Optional<Product> product(ProductId id) {
    return Optional.ofNullable(products.get(id));
  }
}

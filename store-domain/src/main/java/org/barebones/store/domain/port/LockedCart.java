package org.barebones.store.domain.port;

import java.util.Map;
import java.util.Objects;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;

/**
 * Value: the answer of {@link CartRepository#lockWithProducts}: a locked cart and the products of
 * its lines that still exist, read once the lock was held.
 */
public record LockedCart(Cart cart, Map<ProductId, Product> products) {
  public LockedCart {
    Objects.requireNonNull(cart, "cart");
    products = Map.copyOf(products);
  }
}

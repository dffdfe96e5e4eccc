package org.barebones.store.domain.usecase;

import java.util.Objects;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.NotFoundException;

/** Use case: anyone looks up one product. */
public final class GetProduct {
  private final ProductRepository products;

  public GetProduct(ProductRepository products) {
    this.products = Objects.requireNonNull(products, "products");
  }

  public Product get(ProductId id) {
    return products.findById(id).orElseThrow(() -> new NotFoundException("No product " + id));
  }
}

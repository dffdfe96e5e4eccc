package org.barebones.store.domain.usecase;

import java.util.Objects;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductQuery;
import org.barebones.store.domain.shared.Page;

/**
 * Use case: anyone browses the catalogue, filtered by stock and producer and searched by the words
 * of the titles ({@link org.barebones.store.domain.product.ProductSearch}), one page at a time.
 */
public final class ListProducts {
  private final ProductRepository products;

  public ListProducts(ProductRepository products) {
    this.products = Objects.requireNonNull(products, "products");
  }

  public Page<Product> list(ProductQuery query) {
    return products.list(query);
  }
}

package org.barebones.store.domain.event;

import java.util.Objects;
import org.barebones.store.domain.product.Product;

/**
 * Event data: a product's stock reached 0, by a checkout or an edit; {@code product} is the product
 * as that change left it.
 */
public record ProductOutOfStock(Product product) implements EventData {
  public ProductOutOfStock {
    Objects.requireNonNull(product, "product");
    if (product.inventoryCount() != 0) {
      throw new IllegalArgumentException("product " + product.id() + " is not out of stock");
    }
  }

  @Override
  public EventType type() {
    return EventType.PRODUCT_OUT_OF_STOCK;
  }
}

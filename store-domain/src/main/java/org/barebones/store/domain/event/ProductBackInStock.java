package org.barebones.store.domain.event;

import java.util.Objects;
import org.barebones.store.domain.product.Product;

/**
 * Event data: a product's stock rose from 0, by a cancellation or an edit; {@code product} is the
 * product as that change left it.
 */
public record ProductBackInStock(Product product) implements EventData {
  public ProductBackInStock {
    Objects.requireNonNull(product, "product");
    if (product.inventoryCount() == 0) {
      throw new IllegalArgumentException("product " + product.id() + " is not in stock");
    }
  }

  @Override
  public EventType type() {
    return EventType.PRODUCT_BACK_IN_STOCK;
  }
}

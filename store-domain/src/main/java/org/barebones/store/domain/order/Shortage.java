package org.barebones.store.domain.order;

import java.util.Objects;
import org.barebones.store.domain.product.ProductId;

/** Value: a cart line that asks for more units than are in stock. */
public record Shortage(ProductId productId, int requested, int available) {
  public Shortage {
    Objects.requireNonNull(productId, "productId");
  }
}

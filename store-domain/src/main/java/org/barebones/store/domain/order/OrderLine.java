package org.barebones.store.domain.order;

import java.util.Objects;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;

/**
 * Value: one line of a placed order, with its own copy of the product's title and unit price, so it
 * stays true when the product later changes or goes.
 */
public record OrderLine(ProductId productId, String title, Money unitPrice, int quantity) {
  public OrderLine {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(unitPrice, "unitPrice");
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be positive: " + quantity);
    }
  }

  public Money lineTotal() {
    return unitPrice.times(quantity);
  }
}

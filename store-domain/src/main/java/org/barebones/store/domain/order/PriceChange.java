package org.barebones.store.domain.order;

import java.util.Objects;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;

/** Value: a cart line whose product's price moved since the line was last priced. */
public record PriceChange(ProductId productId, Money oldUnitPrice, Money newUnitPrice) {
  public PriceChange {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(oldUnitPrice, "oldUnitPrice");
    Objects.requireNonNull(newUnitPrice, "newUnitPrice");
  }
}

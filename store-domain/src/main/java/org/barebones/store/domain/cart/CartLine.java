package org.barebones.store.domain.cart;

import java.util.Objects;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;

/**
 * Value: one product in a cart, with the quantity wanted and the unit price it was last priced at.
 */
public record CartLine(long id, ProductId productId, int quantity, Money unitPrice) {

  public static final int MAX_QUANTITY = 1_000_000;

  public CartLine {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(unitPrice, "unitPrice");
    if (quantity < 1 || quantity > MAX_QUANTITY) {
      throw new IllegalArgumentException("quantity must be 1.." + MAX_QUANTITY + ": " + quantity);
    }
  }

  public Money lineTotal() {
    return unitPrice.times(quantity);
  }

  public CartLine pricedAt(Money newUnitPrice) {
    return new CartLine(id, productId, quantity, newUnitPrice);
  }
}

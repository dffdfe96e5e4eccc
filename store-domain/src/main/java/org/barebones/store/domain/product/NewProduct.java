package org.barebones.store.domain.product;

import java.util.Objects;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.Violations;

/** Value: a product about to be stored, before it has an id. */
public record NewProduct(ProducerId producerId, String title, Money price, int inventoryCount) {
  public NewProduct {
    Objects.requireNonNull(producerId, "producerId");
    Objects.requireNonNull(price, "price");
    Violations violations = new Violations();
    ProductRules.checkTitle(title, violations);
    ProductRules.checkPrice(price.amount(), violations);
    ProductRules.checkInventory((long) inventoryCount, violations);
    violations.throwIfAny();
  }
}

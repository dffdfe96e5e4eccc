package org.barebones.store.domain.product;

import java.util.Objects;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.Violations;

/**
 * Entity: something a producer sells, with its current price and the units left in stock. {@code
 * version} changes whenever the product does (a sale included), so clients can detect lost updates.
 */
public record Product(
    ProductId id,
    ProducerId producerId,
    String title,
    Money price,
    int inventoryCount,
    long version) {

  public Product {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(producerId, "producerId");
    Objects.requireNonNull(price, "price");
    Violations violations = new Violations();
    ProductRules.checkTitle(title, violations);
    ProductRules.checkPrice(price.amount(), violations);
    ProductRules.checkInventory((long) inventoryCount, violations);
    violations.throwIfAny();
  }

  public boolean isOwnedBy(ProducerId producer) {
    return producerId.equals(producer);
  }

  public boolean hasInStock(long quantity) {
    return inventoryCount >= quantity;
  }
}

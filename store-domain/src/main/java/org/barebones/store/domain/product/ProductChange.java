package org.barebones.store.domain.product;

import java.math.BigDecimal;
import java.util.Optional;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.Violations;

/** Value: the fields of a product to overwrite; absent ones are kept as they are. */
public record ProductChange(
    Optional<String> title, Optional<BigDecimal> price, Optional<Long> inventoryCount) {

  public ProductChange {
    title = title == null ? Optional.empty() : title;
    price = price == null ? Optional.empty() : price;
    inventoryCount = inventoryCount == null ? Optional.empty() : inventoryCount;
    Violations violations = new Violations();
    title.ifPresent(t -> ProductRules.checkTitle(t, violations));
    price.ifPresent(p -> ProductRules.checkPrice(p, violations));
    inventoryCount.ifPresent(n -> ProductRules.checkInventory(n, violations));
    violations.throwIfAny();
  }

  public static ProductChange none() {
    return new ProductChange(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** {@code product} with this change applied; its version is left for the repository to bump. */
  public Product applyTo(Product product) {
    return new Product(
        product.id(),
        product.producerId(),
        title.orElse(product.title()),
        price.map(p -> new Money(p, product.price().currency())).orElse(product.price()),
        inventoryCount.map(Long::intValue).orElse(product.inventoryCount()),
        product.version());
  }
}

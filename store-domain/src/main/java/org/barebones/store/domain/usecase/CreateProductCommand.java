package org.barebones.store.domain.usecase;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.ProductRules;
import org.barebones.store.domain.shared.Violations;

/**
 * Command: a producer ({@code actor}, from its token) puts a product on sale. {@code producerId}
 * may name the producer again; if it names another, the command is forbidden.
 */
public record CreateProductCommand(
    ProducerId actor,
    Optional<ProducerId> producerId,
    String title,
    BigDecimal price,
    Long inventoryCount) {

  public CreateProductCommand {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(producerId, "producerId");
    Violations violations = new Violations();
    ProductRules.checkTitle(title, violations);
    ProductRules.checkPrice(price, violations);
    ProductRules.checkInventory(inventoryCount, violations);
    violations.throwIfAny();
  }
}

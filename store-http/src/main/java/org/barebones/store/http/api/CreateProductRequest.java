package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Optional;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.ProductRules;
import org.barebones.store.domain.shared.Violations;
import org.barebones.store.domain.usecase.CreateProductCommand;

/** Request body of product creation; {@code cost} is another name for {@code price}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateProductRequest(
    @JsonProperty("producer_id") Long producerId,
    String title,
    BigDecimal price,
    BigDecimal cost,
    @JsonProperty("inventory_count") Long inventoryCount) {

  public CreateProductCommand toCommand(ProducerId actor) {
    Violations violations = new Violations();
    Optional<ProducerId> named =
        BodyValues.optionalId(producerId, "producer_id", ProducerId::of, violations);
    BigDecimal resolvedPrice = BodyValues.priceOrCost(price, cost, violations);
    if (!violations.isEmpty()) {
      // List the command's own rules too, so that one answer names every broken rule.
      ProductRules.checkTitle(title, violations);
      if (!BodyValues.pricesConflict(price, cost)) {
        ProductRules.checkPrice(resolvedPrice, violations);
      }
      ProductRules.checkInventory(inventoryCount, violations);
      violations.throwIfAny();
    }
    return new CreateProductCommand(actor, named, title, resolvedPrice, inventoryCount);
  }
}

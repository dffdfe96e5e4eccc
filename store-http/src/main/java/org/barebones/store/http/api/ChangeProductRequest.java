package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Optional;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.ProductChange;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.product.ProductRules;
import org.barebones.store.domain.shared.Violations;
import org.barebones.store.domain.usecase.ChangeProductCommand;

/**
 * Request body of a product change: only the fields given are overwritten. A field sent as JSON
 * {@code null} counts as not given, as it does on creation (where it is then missing).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangeProductRequest(
    @JsonProperty("producer_id") Long producerId,
    String title,
    BigDecimal price,
    BigDecimal cost,
    @JsonProperty("inventory_count") Long inventoryCount) {

  public ChangeProductCommand toCommand(
      ProducerId actor, ProductId product, Optional<Long> expectedVersion) {
    Violations violations = new Violations();
    Optional<ProducerId> named =
        BodyValues.optionalId(producerId, "producer_id", ProducerId::of, violations);
    BigDecimal resolvedPrice = BodyValues.priceOrCost(price, cost, violations);
    if (!violations.isEmpty()) {
      if (title != null) {
        ProductRules.checkTitle(title, violations);
      }
      if (resolvedPrice != null && !BodyValues.pricesConflict(price, cost)) {
        ProductRules.checkPrice(resolvedPrice, violations);
      }
      if (inventoryCount != null) {
        ProductRules.checkInventory(inventoryCount, violations);
      }
      violations.throwIfAny();
    }
    ProductChange change =
        new ProductChange(
            Optional.ofNullable(title),
            Optional.ofNullable(resolvedPrice),
            Optional.ofNullable(inventoryCount));
    return new ChangeProductCommand(actor, product, named, change, expectedVersion);
  }
}

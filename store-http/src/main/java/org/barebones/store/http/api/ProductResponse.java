package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import org.barebones.store.domain.product.Product;

/** Response body: a Product as API.md spells it. */
public record ProductResponse(
    long id,
    @JsonProperty("producer_id") long producerId,
    String title,
    BigDecimal price,
    @JsonProperty("inventory_count") int inventoryCount) {

  public static ProductResponse from(Product product) {
    return new ProductResponse(
        product.id().value(),
        product.producerId().value(),
        product.title(),
        product.price().amount(),
        product.inventoryCount());
  }
}

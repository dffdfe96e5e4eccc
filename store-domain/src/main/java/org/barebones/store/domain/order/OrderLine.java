package org.barebones.store.domain.order;

import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;

/**
 * Value: one line of a placed order, with its own copy of the product's producer, title and unit
 * price, so it stays true when the product later changes or goes. The producer is empty only on a
 * line recorded before orders remembered producers whose product was gone by then: such a line
 * belongs to no producer's part.
 */
public record OrderLine(
    ProductId productId,
    Optional<ProducerId> producerId,
    String title,
    Money unitPrice,
    int quantity) {
  public OrderLine {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(producerId, "producerId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(unitPrice, "unitPrice");
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be positive: " + quantity);
    }
  }

  public OrderLine(
      ProductId productId, ProducerId producerId, String title, Money unitPrice, int quantity) {
    this(productId, Optional.of(producerId), title, unitPrice, quantity);
  }

  public Money lineTotal() {
    return unitPrice.times(quantity);
  }

  public boolean isSoldBy(ProducerId producer) {
    return producerId.filter(producer::equals).isPresent();
  }
}

package org.barebones.store.domain.usecase;

import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.ProductChange;
import org.barebones.store.domain.product.ProductId;

/**
 * Command: the owner overwrites some fields of a product. With {@code expectedVersion}, the change
 * applies only if the product is still at that version.
 */
public record ChangeProductCommand(
    ProducerId actor,
    ProductId productId,
    Optional<ProducerId> producerId,
    ProductChange change,
    Optional<Long> expectedVersion) {

  public ChangeProductCommand {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(producerId, "producerId");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
  }
}

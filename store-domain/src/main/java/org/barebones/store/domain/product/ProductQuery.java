package org.barebones.store.domain.product;

import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.PageRequest;

/**
 * Value: which products to list: those with at least {@code minInventoryCount} in stock, of one
 * producer if given, one keyset page at a time in id order.
 */
public record ProductQuery(
    long minInventoryCount, Optional<ProducerId> producerId, PageRequest page) {

  /** The catalogue's default: products that are in stock. */
  public static final long DEFAULT_MIN_INVENTORY = 1;

  public ProductQuery {
    Objects.requireNonNull(producerId, "producerId");
    Objects.requireNonNull(page, "page");
  }

  public static ProductQuery inStock(PageRequest page) {
    return new ProductQuery(DEFAULT_MIN_INVENTORY, Optional.empty(), page);
  }
}

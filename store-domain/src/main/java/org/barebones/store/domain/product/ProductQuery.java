package org.barebones.store.domain.product;

import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.PageRequest;

/**
 * Value: which products to list: those with at least {@code minInventoryCount} in stock, of one
 * producer if given, whose title matches a search if given, one keyset page at a time in id order.
 */
public record ProductQuery(
    long minInventoryCount,
    Optional<ProducerId> producerId,
    PageRequest page,
    Optional<ProductSearch> search) {

  /** The catalogue's default: products that are in stock. */
  public static final long DEFAULT_MIN_INVENTORY = 1;

  public ProductQuery {
    Objects.requireNonNull(producerId, "producerId");
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(search, "search");
  }

  /** A query without a search. */
  public ProductQuery(long minInventoryCount, Optional<ProducerId> producerId, PageRequest page) {
    this(minInventoryCount, producerId, page, Optional.empty());
  }

  public static ProductQuery inStock(PageRequest page) {
    return new ProductQuery(DEFAULT_MIN_INVENTORY, Optional.empty(), page);
  }

  /** Whether {@code product} is one this query lists (its page aside). */
  public boolean selects(Product product) {
    return product.inventoryCount() >= minInventoryCount
        && producerId.map(product::isOwnedBy).orElse(true)
        && search.map(s -> s.matches(product.title())).orElse(true);
  }
}

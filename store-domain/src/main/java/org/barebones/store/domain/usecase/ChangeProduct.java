package org.barebones.store.domain.usecase;

import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.ConflictException;
import org.barebones.store.domain.shared.NotFoundException;
import org.barebones.store.domain.shared.PreconditionFailedException;

/**
 * Use case: the owner changes a product's title, price or stock. Optimistic: the write applies only
 * to the version that was read, and is retried on a fresh read when a sale or another change
 * slipped in between, unless the caller pinned a version.
 */
public final class ChangeProduct {
  private static final int MAX_ATTEMPTS = 20;

  private final ProductRepository products;

  public ChangeProduct(ProductRepository products) {
    this.products = Objects.requireNonNull(products, "products");
  }

  public Product change(ChangeProductCommand command) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Product current =
          products
              .findById(command.productId())
              .orElseThrow(() -> new NotFoundException("No product " + command.productId()));
      Ownership.requireOwner(command.actor(), current, command.producerId());
      if (command.expectedVersion().isPresent()
          && command.expectedVersion().get() != current.version()) {
        throw stale(command);
      }
      Optional<Product> stored = products.update(command.change().applyTo(current));
      if (stored.isPresent()) {
        return stored.get();
      }
      if (command.expectedVersion().isPresent()) {
        throw stale(command);
      }
    }
    throw new ConflictException(
        "concurrent-update",
        "Concurrent update",
        "Product " + command.productId() + " is changing too often; try again");
  }

  private static PreconditionFailedException stale(ChangeProductCommand command) {
    return new PreconditionFailedException(
        "Product " + command.productId() + " has changed since the version you sent");
  }
}

package org.barebones.store.domain.usecase;

import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.event.EventRecorder;
import org.barebones.store.domain.event.ProductBackInStock;
import org.barebones.store.domain.event.ProductOutOfStock;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.port.Transactions;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.ConflictException;
import org.barebones.store.domain.shared.NotFoundException;
import org.barebones.store.domain.shared.PreconditionFailedException;

/**
 * Use case: the owner changes a product's title, price or stock. Optimistic: the write applies only
 * to the version that was read, and is retried on a fresh read when a sale or another change
 * slipped in between, unless the caller pinned a version. A change that takes the stock to 0
 * records {@code product.out_of_stock} in its unit of work, and one that raises it from 0 records
 * {@code product.back_in_stock}.
 */
public final class ChangeProduct {
  private static final int MAX_ATTEMPTS = 20;

  private final ProductRepository products;
  private final Transactions transactions;
  private final EventRecorder events;

  public ChangeProduct(
      ProductRepository products, Transactions transactions, EventRecorder events) {
    this.products = Objects.requireNonNull(products, "products");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.events = Objects.requireNonNull(events, "events");
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
      Product changed = command.change().applyTo(current);
      Optional<Product> stored = transactions.inTransaction(() -> store(current, changed));
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

  /**
   * Writes the change and, in the same unit of work, records {@code product.out_of_stock} if it
   * took the stock to 0, or {@code product.back_in_stock} if it raised it from 0: the write applies
   * only to {@code current}'s version, so {@code current}'s stock is exactly what the product had
   * before.
   */
  private Optional<Product> store(Product current, Product changed) {
    Optional<Product> stored = products.update(changed);
    stored
        .filter(p -> p.inventoryCount() == 0 && current.inventoryCount() > 0)
        .ifPresent(p -> events.record(new ProductOutOfStock(p)));
    stored
        .filter(p -> p.inventoryCount() > 0 && current.inventoryCount() == 0)
        .ifPresent(p -> events.record(new ProductBackInStock(p)));
    return stored;
  }

  private static PreconditionFailedException stale(ChangeProductCommand command) {
    return new PreconditionFailedException(
        "Product " + command.productId() + " has changed since the version you sent");
  }
}

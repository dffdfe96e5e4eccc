package org.barebones.store.domain.usecase;

import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.port.CartRepository;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.port.Transactions;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.NotFoundException;

/**
 * Use case: the owner takes a product off the catalogue. It leaves every open cart in the same unit
 * of work; placed orders keep their own copies.
 */
public final class DeleteProduct {
  private final ProductRepository products;
  private final CartRepository carts;
  private final Transactions transactions;

  public DeleteProduct(
      ProductRepository products, CartRepository carts, Transactions transactions) {
    this.products = Objects.requireNonNull(products, "products");
    this.carts = Objects.requireNonNull(carts, "carts");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  public void delete(ProducerId actor, ProductId id, Optional<ProducerId> named) {
    transactions.inTransaction(
        () -> {
          Product product =
              products.findById(id).orElseThrow(() -> new NotFoundException("No product " + id));
          Ownership.requireOwner(actor, product, named);
          // Carts first, then the product: the same lock order as checkout, so neither waits on
          // the other in a cycle.
          carts.removeProductFromOpenCarts(id);
          if (!products.delete(id)) {
            throw new NotFoundException("No product " + id);
          }
          return null;
        });
  }
}

package org.barebones.store.domain.usecase;

import java.util.Currency;
import java.util.Objects;
import org.barebones.store.domain.port.ProducerRepository;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.UnauthenticatedException;

/** Use case: a producer puts a new product on sale. */
public final class CreateProduct {
  private final ProducerRepository producers;
  private final ProductRepository products;
  private final Currency currency;

  public CreateProduct(
      ProducerRepository producers, ProductRepository products, Currency currency) {
    this.producers = Objects.requireNonNull(producers, "producers");
    this.products = Objects.requireNonNull(products, "products");
    this.currency = Objects.requireNonNull(currency, "currency");
  }

  public Product create(CreateProductCommand command) {
    Ownership.requireSelf(command.actor(), command.producerId());
    if (producers.findById(command.actor()).isEmpty()) {
      // A valid signature over a producer this database does not know (e.g. after a reset).
      throw new UnauthenticatedException("The token names an unknown producer");
    }
    return products.add(
        new NewProduct(
            command.actor(),
            command.title(),
            new Money(command.price(), currency),
            command.inventoryCount().intValue()));
  }
}

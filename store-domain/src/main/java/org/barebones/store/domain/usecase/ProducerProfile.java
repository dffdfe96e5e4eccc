package org.barebones.store.domain.usecase;

import java.util.List;
import java.util.Objects;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.product.Product;

/** Result: a producer with its products, in id order. */
public record ProducerProfile(Producer producer, List<Product> products) {
  public ProducerProfile {
    Objects.requireNonNull(producer, "producer");
    products = List.copyOf(products);
  }
}

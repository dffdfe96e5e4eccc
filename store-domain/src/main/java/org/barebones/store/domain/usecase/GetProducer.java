package org.barebones.store.domain.usecase;

import java.util.Objects;
import org.barebones.store.domain.port.ProducerRepository;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.NotFoundException;

/** Use case: anyone looks up one producer and its products. */
public final class GetProducer {
  private final ProducerRepository producers;
  private final ProductRepository products;

  public GetProducer(ProducerRepository producers, ProductRepository products) {
    this.producers = Objects.requireNonNull(producers, "producers");
    this.products = Objects.requireNonNull(products, "products");
  }

  public ProducerProfile get(ProducerId id) {
    return producers
        .findById(id)
        .map(p -> ProducerProfiles.of(p, products))
        .orElseThrow(() -> new NotFoundException("No producer " + id));
  }
}

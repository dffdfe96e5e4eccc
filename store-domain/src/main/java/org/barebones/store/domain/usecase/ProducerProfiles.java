package org.barebones.store.domain.usecase;

import java.util.List;
import java.util.Map;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.Page;

/** Joins producers with their products, one repository call for any number of producers. */
final class ProducerProfiles {
  private ProducerProfiles() {}

  static ProducerProfile of(Producer producer, ProductRepository products) {
    List<Product> own =
        products.listByProducers(List.of(producer.id())).getOrDefault(producer.id(), List.of());
    return new ProducerProfile(producer, own);
  }

  static Page<ProducerProfile> of(Page<Producer> page, ProductRepository products) {
    Map<ProducerId, List<Product>> byProducer =
        products.listByProducers(page.items().stream().map(Producer::id).toList());
    return page.map(p -> new ProducerProfile(p, byProducer.getOrDefault(p.id(), List.of())));
  }
}

package org.barebones.store.domain.usecase;

import java.util.Objects;
import org.barebones.store.domain.port.ProducerRepository;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;

/** Use case: anyone lists producers, each with its products, one page at a time. */
public final class ListProducers {
  private final ProducerRepository producers;
  private final ProductRepository products;

  public ListProducers(ProducerRepository producers, ProductRepository products) {
    this.producers = Objects.requireNonNull(producers, "producers");
    this.products = Objects.requireNonNull(products, "products");
  }

  public Page<ProducerProfile> list(PageRequest page) {
    return ProducerProfiles.of(producers.list(page), products);
  }
}

package org.barebones.store.domain.usecase;

import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.order.PartStatus;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.PageRequest;

/**
 * Query: {@code caller} asks for the orders {@code producer} sold in (its own only), optionally
 * those whose part is in {@code status}.
 */
public record ProducerOrdersQuery(
    ProducerId caller, ProducerId producer, Optional<PartStatus> status, PageRequest page) {
  public ProducerOrdersQuery {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(producer, "producer");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(page, "page");
  }

  /** The first page of every order of the caller's own. */
  public static ProducerOrdersQuery own(ProducerId producer) {
    return new ProducerOrdersQuery(producer, producer, Optional.empty(), PageRequest.first());
  }
}

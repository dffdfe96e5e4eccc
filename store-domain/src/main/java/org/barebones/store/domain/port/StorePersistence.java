package org.barebones.store.domain.port;

import java.util.Objects;

/**
 * The driven adapters that keep the store's state, as one set: every repository, the events outbox,
 * the idempotency records and the {@link Transactions} they take part in. A persistence technology
 * provides all of them together.
 */
public record StorePersistence(
    ProducerRepository producers,
    ProductRepository products,
    CartRepository carts,
    OrderRepository orders,
    EventOutbox events,
    Transactions transactions,
    IdempotencyRecords idempotency) {

  public StorePersistence {
    Objects.requireNonNull(producers, "producers");
    Objects.requireNonNull(products, "products");
    Objects.requireNonNull(carts, "carts");
    Objects.requireNonNull(orders, "orders");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(transactions, "transactions");
    Objects.requireNonNull(idempotency, "idempotency");
  }
}

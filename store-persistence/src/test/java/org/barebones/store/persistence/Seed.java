package org.barebones.store.persistence;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.event.EventId;
import org.barebones.store.domain.event.EventRecorder;
import org.barebones.store.domain.order.NewOrder;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.port.CheckoutListener;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.producer.NewProducer;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.Username;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.usecase.Checkout;

/**
 * Test support: rows the adapter suites need as a background, written through the adapters
 * themselves (unique producer names, so that tests sharing a database never collide).
 */
final class Seed {
  private Seed() {}

  static Money usd(String amount) {
    return Money.of(amount, TestDatabases.CURRENCY);
  }

  /** A producer of a name no other test uses. */
  static Producer producer(StorePersistence store) {
    return store
        .producers()
        .add(
            new NewProducer(
                new Username("p" + System.nanoTime() + "_" + Thread.currentThread().getId()),
                "hash"));
  }

  static Product product(StorePersistence store, Producer owner, String price, int stock) {
    return store.products().add(new NewProduct(owner.id(), "Widget", usd(price), stock));
  }

  /** A product of a new producer of its own. */
  static Product product(StorePersistence store, String price, int stock) {
    return product(store, producer(store), price, stock);
  }

  /** An order line of {@code quantity} units of {@code product} at its price. */
  static OrderLine line(Product product, int quantity) {
    return new OrderLine(
        product.id(), product.producerId(), product.title(), product.price(), quantity);
  }

  static Order order(StorePersistence store, CartId cart, Instant at, List<OrderLine> lines) {
    return store.orders().add(new NewOrder(cart, at, lines));
  }

  /** The checkout use case over {@code store}, at a fixed time, recording no deliveries. */
  static Checkout checkout(StorePersistence store, Instant now) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    return new Checkout(
        store.carts(),
        store.products(),
        store.orders(),
        store.transactions(),
        new EventRecorder(store.events(), List.of(), clock, EventId::random),
        clock,
        CheckoutListener.NONE);
  }
}

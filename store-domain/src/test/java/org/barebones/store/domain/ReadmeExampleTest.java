package org.barebones.store.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.event.OrderCanceled;
import org.barebones.store.domain.event.OrderPlaced;
import org.barebones.store.domain.fixtures.Fixtures;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.usecase.AuthenticatedProducer;
import org.barebones.store.domain.usecase.CancelOrderCommand;
import org.barebones.store.domain.usecase.CheckoutCommand;
import org.barebones.store.domain.usecase.CreateProductCommand;
import org.barebones.store.domain.usecase.OpenedCart;
import org.barebones.store.domain.usecase.RegisterProducerCommand;
import org.barebones.store.domain.usecase.SetCartLineCommand;
import org.junit.jupiter.api.Test;

/** The README's embedding example, kept compiling and true. Keep the two in step. */
class ReadmeExampleTest {

  @Test
  void embeddingExample() {
    // --- README example starts ---
    Store store = Store.inMemory();
    AuthenticatedProducer seller =
        store
            .registerProducer()
            .register(RegisterProducerCommand.of("ada", "correct horse battery"));
    Product lamp =
        store
            .createProduct()
            .create(
                new CreateProductCommand(
                    seller.producer().id(),
                    Optional.empty(),
                    "Desk lamp",
                    new BigDecimal("19.99"),
                    3L));
    OpenedCart cart = store.createCart().create();
    CartId cartId = cart.cart().id();
    store.setCartLine().set(new SetCartLineCommand(cartId, cartId, lamp.id(), 2));
    Order order = store.checkout().checkout(CheckoutCommand.of(cartId));
    // order.total() is 39.98 USD; the lamp has 1 left
    // --- README example ends ---

    assertThat(order.total()).isEqualTo(Money.of("39.98", Currency.getInstance("USD")));
    assertThat(order.total()).hasToString("39.98 USD");
    assertThat(store.getProduct().get(lamp.id()).inventoryCount()).isEqualTo(1);
  }

  @Test
  void listenerExample() throws Exception {
    CountDownLatch placed = new CountDownLatch(1);
    CountDownLatch canceled = new CountDownLatch(1);
    List<String> seen = new CopyOnWriteArrayList<>();
    // --- README listener example starts ---
    try (Store store =
        Store.builder()
            .inMemoryPersistence()
            // Called on the store's dispatcher thread after each event's transaction commits, at
            // least once: deduplicate by event.id(). Throwing makes the event come again later.
            .eventListener(
                "mailer",
                event -> {
                  if (event.data() instanceof OrderPlaced p) {
                    seen.add(event.id() + " " + p.order().total()); // send the receipt...
                    placed.countDown();
                  } else if (event.data() instanceof OrderCanceled c) {
                    seen.add(c.canceledBy().code() + " " + c.lines()); // the units are back
                    canceled.countDown();
                  }
                })
            .build()
            .start()) { // building starts no thread; start() runs the dispatcher until close()
      // --- README listener example ends ---
      Scenario shop = Scenario.over(store, Fixtures.aClock());
      Product lamp = shop.aProduct().titled("Desk lamp").withPrice("19.99").withStock(3).create();
      CartId cartId = shop.aCart().with(lamp, 1).open().cart().id();
      Order order = store.checkout().checkout(CheckoutCommand.of(cartId));
      assertThat(placed.await(30, TimeUnit.SECONDS)).isTrue();
      store.cancelOrder().cancel(CancelOrderCommand.of(new Caller.CartHolder(cartId), order.id()));
      assertThat(canceled.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(store.getProduct().get(lamp.id()).inventoryCount()).isEqualTo(3);
    }
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).startsWith("evt_").endsWith(" 19.99 USD");
    assertThat(seen.get(1)).startsWith("buyer [Line[productId=").endsWith("quantity=1]]");
  }
}

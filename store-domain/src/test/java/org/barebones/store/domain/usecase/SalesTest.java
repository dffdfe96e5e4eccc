package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.order.OrderStatus;
import org.barebones.store.domain.order.PartStatus;
import org.barebones.store.domain.order.ProducerOrder;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.ForbiddenException;
import org.barebones.store.domain.shared.InvalidInputException;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.NotFoundException;
import org.barebones.store.domain.shared.PageRequest;
import org.junit.jupiter.api.Test;

/** A producer's sales: each sees and ships its own part of an order, and nobody else's. */
class SalesTest {
  private final Scenario shop = Scenario.inMemory();
  private final Store store = shop.store();
  private final ProducerId ada = shop.aProducer().register().producer().id();
  private final ProducerId bob = shop.aProducer().register().producer().id();
  private final Product lamp =
      shop.aProduct().ownedBy(ada).titled("Desk lamp").withPrice("19.99").create();
  private final Product vase =
      shop.aProduct().ownedBy(ada).titled("Vase").withPrice("3.00").create();
  private final Product pen = shop.aProduct().ownedBy(bob).titled("Pen").withPrice("0.50").create();
  private final OpenedCart cart = shop.aCart().with(lamp, 2).with(vase, 1).with(pen, 4).open();
  private final Order order = shop.checkout(cart);

  private ProducerOrder onlyOrderOf(ProducerId producer) {
    var page = store.listProducerOrders().list(ProducerOrdersQuery.own(producer));
    assertThat(page.items()).hasSize(1);
    return page.items().get(0);
  }

  private Order buyersView() {
    return store.getOrder().get(cart.cart().id(), order.id());
  }

  @Test
  void eachProducerSeesOnlyItsOwnLinesAndTotal_shipsItsPart_andTheOrderFollows() {
    ProducerOrder adas = onlyOrderOf(ada);
    assertThat(adas.orderId()).isEqualTo(order.id());
    assertThat(adas.createdAt()).isEqualTo(order.createdAt());
    assertThat(adas.lines()).extracting(OrderLine::productId).containsExactly(lamp.id(), vase.id());
    assertThat(adas.total()).isEqualTo(Money.of("42.98", store.currency()));
    assertThat(adas.status()).isEqualTo(PartStatus.PENDING);
    ProducerOrder bobs = onlyOrderOf(bob);
    assertThat(bobs.lines()).extracting(OrderLine::productId).containsExactly(pen.id());
    assertThat(bobs.total()).isEqualTo(Money.of("2.00", store.currency()));
    assertThat(buyersView().status()).isEqualTo(OrderStatus.PLACED);
    assertThat(buyersView().total()).isEqualTo(Money.of("44.98", store.currency()));

    Instant adaShipsAt = shop.clock().advance(Duration.ofHours(1)).instant();
    Shipment first =
        store.shipOrder().ship(new ShipOrderCommand(ada, order.id(), Optional.of("DHL 123")));
    assertThat(first.shippedByThisCall()).isTrue();
    assertThat(first.orderStatus()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
    assertThat(first.producerOrder().status()).isEqualTo(PartStatus.SHIPPED);
    assertThat(first.producerOrder().part().shippedAt())
        .contains(adaShipsAt.truncatedTo(ChronoUnit.MICROS));
    assertThat(first.producerOrder().part().tracking()).contains("DHL 123");
    assertThat(first.producerOrder().lines()).isEqualTo(adas.lines());
    Order partly = buyersView();
    assertThat(partly.status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
    assertThat(partly.partOf(partly.lines().get(0)).orElseThrow().tracking()).contains("DHL 123");
    assertThat(onlyOrderOf(bob).status()).isEqualTo(PartStatus.PENDING);

    Shipment second = store.shipOrder().ship(ShipOrderCommand.of(bob, order.id()));
    assertThat(second.shippedByThisCall()).isTrue();
    assertThat(second.orderStatus()).isEqualTo(OrderStatus.SHIPPED);
    assertThat(second.producerOrder().part().tracking()).isEmpty();
    assertThat(buyersView().status()).isEqualTo(OrderStatus.SHIPPED);
  }

  @Test
  void shippingAgain_changesNothing_andKeepsTheFirstTracking() {
    Shipment first =
        store.shipOrder().ship(new ShipOrderCommand(ada, order.id(), Optional.of("first")));
    shop.clock().advance(Duration.ofMinutes(5));

    Shipment again =
        store.shipOrder().ship(new ShipOrderCommand(ada, order.id(), Optional.of("second")));

    assertThat(again.shippedByThisCall()).isFalse();
    assertThat(again.producerOrder()).isEqualTo(first.producerOrder());
    assertThat(again.producerOrder().part().tracking()).contains("first");
  }

  @Test
  void shipping_anOrderTheProducerSoldNothingIn_orAnUnknownOne_isNotFound_andChangesNothing() {
    ProducerId stranger = shop.aProducer().register().producer().id();
    Order before = buyersView();

    assertThatThrownBy(() -> store.shipOrder().ship(ShipOrderCommand.of(stranger, order.id())))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No order " + order.id() + " holds a line of this producer");
    OrderId unknown = OrderId.of(987_654);
    assertThatThrownBy(() -> store.shipOrder().ship(ShipOrderCommand.of(ada, unknown)))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No order " + unknown + " holds a line of this producer");

    assertThat(buyersView()).isEqualTo(before);
  }

  @Test
  void tracking_blankMeansNone_andOver255CharactersIsInvalid() {
    assertThat(new ShipOrderCommand(ada, order.id(), Optional.of("  ")).tracking()).isEmpty();
    assertThat(new ShipOrderCommand(ada, order.id(), Optional.of("x".repeat(255))).tracking())
        .contains("x".repeat(255));
    // 255 characters outside the BMP are 510 UTF-16 units: still 255 characters.
    String emoji = "\uD83D\uDCE6".repeat(255);
    assertThat(new ShipOrderCommand(ada, order.id(), Optional.of(emoji)).tracking())
        .contains(emoji);
    assertThatThrownBy(() -> new ShipOrderCommand(ada, order.id(), Optional.of("x".repeat(256))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("tracking");
    assertThatThrownBy(() -> new ShipOrderCommand(ada, order.id(), Optional.of("a\u0000b")))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void listing_anotherProducersOrders_isForbidden() {
    assertThatThrownBy(
            () ->
                store
                    .listProducerOrders()
                    .list(new ProducerOrdersQuery(ada, bob, Optional.empty(), PageRequest.first())))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void listing_filtersByThePartsStatus() {
    store.shipOrder().ship(ShipOrderCommand.of(ada, order.id()));

    assertThat(list(ada, PartStatus.SHIPPED))
        .extracting(ProducerOrder::orderId)
        .containsExactly(order.id());
    assertThat(list(ada, PartStatus.PENDING)).isEmpty();
    assertThat(list(bob, PartStatus.PENDING))
        .extracting(ProducerOrder::orderId)
        .containsExactly(order.id());
    assertThat(list(bob, PartStatus.SHIPPED)).isEmpty();
  }

  @Test
  void theProducersCopies_stayWhenTheProductChangesOrGoes() {
    ProducerOrder before = onlyOrderOf(ada);
    shop.changePrice(lamp, "99.00");
    store.deleteProduct().delete(ada, vase.id(), Optional.empty());

    assertThat(onlyOrderOf(ada)).isEqualTo(before);
  }

  private List<ProducerOrder> list(ProducerId producer, PartStatus status) {
    return store
        .listProducerOrders()
        .list(new ProducerOrdersQuery(producer, producer, Optional.of(status), PageRequest.first()))
        .items();
  }
}

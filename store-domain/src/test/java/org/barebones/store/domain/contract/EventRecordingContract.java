package org.barebones.store.domain.contract;

import static java.time.temporal.ChronoUnit.MICROS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.barebones.store.domain.event.EventType.ORDER_CANCELED;
import static org.barebones.store.domain.event.EventType.ORDER_PLACED;
import static org.barebones.store.domain.event.EventType.ORDER_SHIPPED;
import static org.barebones.store.domain.event.EventType.PRODUCT_BACK_IN_STOCK;
import static org.barebones.store.domain.event.EventType.PRODUCT_OUT_OF_STOCK;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.event.DeliveryPolicy;
import org.barebones.store.domain.event.EventDispatcher;
import org.barebones.store.domain.event.EventType;
import org.barebones.store.domain.event.OrderCanceled;
import org.barebones.store.domain.event.OrderPlaced;
import org.barebones.store.domain.event.OrderShipped;
import org.barebones.store.domain.event.ProductBackInStock;
import org.barebones.store.domain.event.ProductOutOfStock;
import org.barebones.store.domain.event.StoreEvent;
import org.barebones.store.domain.fixtures.Fixtures;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.order.AlreadyShippedException;
import org.barebones.store.domain.order.CanceledBy;
import org.barebones.store.domain.order.InsufficientStockException;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderCanceledException;
import org.barebones.store.domain.order.OrderStatus;
import org.barebones.store.domain.order.PartStatus;
import org.barebones.store.domain.order.PriceChangedException;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.ForbiddenException;
import org.barebones.store.domain.shared.NotFoundException;
import org.barebones.store.domain.usecase.CancelOrder;
import org.barebones.store.domain.usecase.CancelOrderCommand;
import org.barebones.store.domain.usecase.Cancellation;
import org.barebones.store.domain.usecase.CheckoutCommand;
import org.barebones.store.domain.usecase.OpenedCart;
import org.barebones.store.domain.usecase.ShipOrder;
import org.barebones.store.domain.usecase.ShipOrderCommand;
import org.barebones.store.domain.usecase.Shipment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of event recording over a whole set of adapters: the use cases record each event in the
 * unit of work of their change, so an event exists exactly when its change committed: none for a
 * refused checkout, a repeated checkout, or an edit that leaves the stock where it was. An
 * in-process listener receives events after their commit, at least once, also when it throws.
 */
public abstract class EventRecordingContract extends ContractSupport {

  private MutableClock clock;
  private Scenario shop;
  private final List<Store> built = new ArrayList<>();

  @BeforeEach
  final void aShop() {
    clock = Fixtures.aClock();
    shop = Scenario.over(track(Fixtures.testStoreBuilder(clock).persistence(store).build()), clock);
  }

  @AfterEach
  final void closeStores() {
    built.forEach(Store::close);
  }

  private Store track(Store s) {
    built.add(s);
    return s;
  }

  /** A product of a new producer with a unique name (the suites may share a database). */
  private Scenario.ProductSetup aProductIn(Scenario scenario) {
    return scenario.aProduct().ownedBy(aProducer().id());
  }

  /** The events recorded about {@code product} or an order holding it, in recording order. */
  private List<StoreEvent> eventsOf(Product product) {
    return recordedEvents().stream()
        .filter(
            e ->
                e.data() instanceof OrderPlaced placed
                    ? placed.order().lines().stream()
                        .anyMatch(l -> l.productId().equals(product.id()))
                    : e.data() instanceof ProductOutOfStock out
                        && out.product().id().equals(product.id()))
        .toList();
  }

  @Test
  void checkout_recordsOneOrderPlaced_carryingTheOrder() {
    Product lamp = aProductIn(shop).withPrice("19.99").withStock(5).create();
    OpenedCart cart = shop.aCart().with(lamp, 2).open();

    Order order = shop.checkout(cart);

    assertThat(eventsOf(lamp))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(ORDER_PLACED);
              assertThat(e.id().value()).startsWith("evt_");
              assertThat(e.createdAt()).isEqualTo(clock.instant());
              assertThat(((OrderPlaced) e.data()).order()).isEqualTo(order);
            });
  }

  @Test
  void checkout_sellingTheLastUnits_recordsOneOutOfStock_withTheProductAtZero() {
    Product lamp = aProductIn(shop).withStock(3).create();
    Product pen = aProductIn(shop).withStock(10).create();
    OpenedCart cart = shop.aCart().with(lamp, 3).with(pen, 1).open();

    shop.checkout(cart);

    List<StoreEvent> events = eventsOf(lamp);
    assertThat(typesOf(events)).containsExactly(ORDER_PLACED, PRODUCT_OUT_OF_STOCK);
    Product atZero = ((ProductOutOfStock) events.get(1).data()).product();
    assertThat(atZero).isEqualTo(shop.current(lamp));
    assertThat(typesOf(eventsOf(pen))).containsExactly(ORDER_PLACED);
  }

  @Test
  void repeatedCheckout_recordsNothingMore() {
    Product lamp = aProductIn(shop).withStock(1).create();
    OpenedCart cart = shop.aCart().with(lamp, 1).open();
    shop.checkout(cart);
    int before = eventsOf(lamp).size();

    shop.checkout(cart);
    shop.checkout(cart);

    assertThat(before).isEqualTo(2);
    assertThat(eventsOf(lamp)).hasSize(2);
  }

  @Test
  void refusedCheckout_recordsNothing() {
    Product lamp = aProductIn(shop).withStock(2).create();
    Product pen = aProductIn(shop).withStock(1).create();
    // The lamp line (lower id) takes its units before the pen line is found short: rolled back.
    OpenedCart cart = shop.aCart().with(lamp, 2).with(pen, 1).open();
    shop.changeStock(pen, 0);
    int penEvents = eventsOf(pen).size();

    assertThatThrownBy(() -> shop.checkout(cart)).isInstanceOf(InsufficientStockException.class);

    assertThat(eventsOf(lamp)).isEmpty();
    assertThat(eventsOf(pen)).hasSize(penEvents);
    assertThat(shop.stockOf(lamp)).isEqualTo(2);
  }

  @Test
  void checkoutRefusedForAPriceChange_recordsNothing() {
    Product lamp = aProductIn(shop).withPrice("10.00").withStock(1).create();
    OpenedCart cart = shop.aCart().with(lamp, 1).open();
    shop.changePrice(lamp, "12.00");
    CheckoutCommand expecting10 =
        new CheckoutCommand(
            cart.cart().id(), cart.cart().id(), Optional.of(Fixtures.decimal("10.00")));

    assertThatThrownBy(() -> shop.store().checkout().checkout(expecting10))
        .isInstanceOf(PriceChangedException.class);

    assertThat(eventsOf(lamp)).isEmpty();
  }

  @Test
  void anEditToZero_recordsOneOutOfStock_andEditsThatLeaveItAtZeroRecordNone() {
    Product lamp = aProductIn(shop).withStock(4).create();

    Product emptied = shop.changeStock(lamp, 0);
    shop.changeStock(lamp, 0);
    shop.changePrice(lamp, "11.00");

    assertThat(eventsOf(lamp))
        .singleElement()
        .satisfies(e -> assertThat(((ProductOutOfStock) e.data()).product()).isEqualTo(emptied));

    shop.changeStock(lamp, 2);
    shop.changeStock(lamp, 0);
    assertThat(eventsOf(lamp)).as("a restock sold out again is a new event").hasSize(2);
  }

  @Test
  void twoProducersShippingTheirParts_recordOnePlacedTwoShippedAndOneOutOfStock() {
    Producer ada = aProducer();
    Producer bob = aProducer();
    Product lamp = shop.aProduct().ownedBy(ada.id()).withStock(1).create();
    Product pen = shop.aProduct().ownedBy(bob.id()).withStock(5).create();
    Order order = shop.checkout(shop.aCart().with(lamp, 1).with(pen, 2).open());
    ShipOrder ship = shop.store().shipOrder();

    clock.advance(Duration.ofMinutes(1));
    ship.ship(new ShipOrderCommand(ada.id(), order.id(), Optional.of("TRACK-1")));
    ship.ship(new ShipOrderCommand(ada.id(), order.id(), Optional.of("TRACK-2"))); // a repeat
    Producer stranger = aProducer();
    assertThatThrownBy(
            () -> ship.ship(new ShipOrderCommand(stranger.id(), order.id(), Optional.empty())))
        .isInstanceOf(NotFoundException.class); // a refused shipment
    clock.advance(Duration.ofMinutes(1));
    ship.ship(new ShipOrderCommand(bob.id(), order.id(), Optional.empty()));

    List<StoreEvent> events =
        recordedEvents().stream()
            .filter(
                e ->
                    (e.data() instanceof OrderPlaced p && p.order().id().equals(order.id()))
                        || (e.data() instanceof OrderShipped s && s.orderId().equals(order.id()))
                        || (e.data() instanceof ProductOutOfStock o
                            && (o.product().id().equals(lamp.id())
                                || o.product().id().equals(pen.id()))))
            .toList();
    assertThat(typesOf(events))
        .containsExactly(ORDER_PLACED, PRODUCT_OUT_OF_STOCK, ORDER_SHIPPED, ORDER_SHIPPED);
    assertThat(events).extracting(StoreEvent::id).doesNotHaveDuplicates();
    Order placed = ((OrderPlaced) events.get(0).data()).order();
    assertThat(placed)
        .as("order.placed shows the order as placed, not as shipped")
        .isEqualTo(order);
    assertThat(placed.status()).isEqualTo(OrderStatus.PLACED);
    assertThat(((ProductOutOfStock) events.get(1).data()).product().id()).isEqualTo(lamp.id());
    OrderShipped first = (OrderShipped) events.get(2).data();
    OrderShipped second = (OrderShipped) events.get(3).data();
    assertThat(first.producerId()).isEqualTo(ada.id());
    assertThat(first.tracking()).contains("TRACK-1");
    assertThat(first.orderStatus()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
    assertThat(first.shippedAt()).isEqualTo(events.get(2).createdAt());
    assertThat(second.producerId()).isEqualTo(bob.id());
    assertThat(second.tracking()).isEmpty();
    assertThat(second.orderStatus()).isEqualTo(OrderStatus.SHIPPED);
    assertThat(shop.store().persistence().orders().findById(order.id()).orElseThrow().status())
        .isEqualTo(OrderStatus.SHIPPED);
  }

  private static List<EventType> typesOf(List<StoreEvent> events) {
    return events.stream().map(StoreEvent::type).toList();
  }

  /** The events about {@code order} or {@code products}, in recording order. */
  private List<StoreEvent> eventsAbout(Order order, Product... products) {
    Set<ProductId> ids = new HashSet<>();
    for (Product product : products) {
      ids.add(product.id());
    }
    return recordedEvents().stream()
        .filter(
            e ->
                e.data() instanceof OrderPlaced p
                    ? p.order().id().equals(order.id())
                    : e.data() instanceof OrderShipped s
                        ? s.orderId().equals(order.id())
                        : e.data() instanceof OrderCanceled c
                            ? c.orderId().equals(order.id())
                            : e.data() instanceof ProductOutOfStock o
                                ? ids.contains(o.product().id())
                                : e.data() instanceof ProductBackInStock b
                                    && ids.contains(b.product().id()))
        .toList();
  }

  @Test
  void producerACancelsItsPart_onlyItsStockReturns_producerBShips_everyEventExact() {
    Producer ada = aProducer();
    Product lamp = shop.aProduct().ownedBy(ada.id()).withStock(3).create();
    Product vase = shop.aProduct().ownedBy(ada.id()).withStock(10).create();
    Producer bob = aProducer();
    Product pen = shop.aProduct().ownedBy(bob.id()).withStock(5).create();
    OpenedCart cart = shop.aCart().with(lamp, 3).with(vase, 2).with(pen, 4).open();
    Order order = shop.checkout(cart);
    assertThat(shop.stockOf(lamp)).isZero();
    CancelOrder cancel = shop.store().cancelOrder();

    Instant canceledAt = clock.advance(Duration.ofMinutes(1)).instant().truncatedTo(MICROS);
    Cancellation adas =
        cancel.cancel(
            new CancelOrderCommand(
                new Caller.ProducerCaller(ada.id()), order.id(), Optional.of("Out of lamps")));

    assertThat(adas.canceledByThisCall()).containsExactly(ada.id());
    assertThat(adas.unitsRestocked()).isEqualTo(5);
    assertThat(adas.producerOrder().status()).isEqualTo(PartStatus.CANCELED);
    assertThat(adas.producerOrder().part().canceledAt()).contains(canceledAt);
    assertThat(adas.order().status()).isEqualTo(OrderStatus.PLACED);
    assertThat(shop.stockOf(lamp)).as("A's lamp comes back").isEqualTo(3);
    assertThat(shop.stockOf(vase)).as("A's vase comes back").isEqualTo(10);
    assertThat(shop.stockOf(pen)).as("B's pen stays sold").isEqualTo(1);

    Cancellation again =
        cancel.cancel(CancelOrderCommand.of(new Caller.ProducerCaller(ada.id()), order.id()));
    assertThat(again.canceledByThisCall()).as("a repeat changes nothing").isEmpty();
    assertThat(shop.stockOf(lamp)).isEqualTo(3);
    assertThatThrownBy(
            () -> shop.store().shipOrder().ship(ShipOrderCommand.of(ada.id(), order.id())))
        .isInstanceOf(OrderCanceledException.class);

    clock.advance(Duration.ofMinutes(1));
    Shipment bobs = shop.store().shipOrder().ship(ShipOrderCommand.of(bob.id(), order.id()));
    assertThat(bobs.orderStatus())
        .as("no part pending, one shipped")
        .isEqualTo(OrderStatus.SHIPPED);
    assertThatThrownBy(
            () ->
                cancel.cancel(
                    CancelOrderCommand.of(new Caller.ProducerCaller(bob.id()), order.id())))
        .isInstanceOf(AlreadyShippedException.class);
    Cancellation buyers =
        cancel.cancel(CancelOrderCommand.of(new Caller.CartHolder(cart.cart().id()), order.id()));
    assertThat(buyers.canceledByThisCall())
        .as("the buyer's cancellation finds nothing pending, and one part canceled already")
        .isEmpty();
    assertThat(shop.stockOf(pen)).isEqualTo(1);
    assertThat(store.orders().findById(order.id()).orElseThrow().status())
        .isEqualTo(OrderStatus.SHIPPED);

    List<StoreEvent> events = eventsAbout(order, lamp, vase, pen);
    assertThat(typesOf(events))
        .containsExactly(
            ORDER_PLACED,
            PRODUCT_OUT_OF_STOCK,
            ORDER_CANCELED,
            PRODUCT_BACK_IN_STOCK,
            ORDER_SHIPPED);
    OrderCanceled canceled = (OrderCanceled) events.get(2).data();
    assertThat(canceled)
        .isEqualTo(
            new OrderCanceled(
                order.id(),
                ada.id(),
                CanceledBy.PRODUCER,
                Optional.of("Out of lamps"),
                canceledAt,
                OrderStatus.PLACED,
                List.of(
                    new OrderCanceled.Line(lamp.id(), 3), new OrderCanceled.Line(vase.id(), 2))));
    Product back = ((ProductBackInStock) events.get(3).data()).product();
    assertThat(back.id()).isEqualTo(lamp.id());
    assertThat(back.inventoryCount()).isEqualTo(3);
    OrderShipped shipped = (OrderShipped) events.get(4).data();
    assertThat(shipped.producerId()).isEqualTo(bob.id());
    assertThat(shipped.orderStatus()).isEqualTo(OrderStatus.SHIPPED);
  }

  @Test
  void theBuyerCancelsAFreshOrder_everyUnitReturns_onePartEventEach() {
    Producer ada = aProducer();
    Product lamp = shop.aProduct().ownedBy(ada.id()).withStock(7).create();
    Producer bob = aProducer();
    Product pen = shop.aProduct().ownedBy(bob.id()).withStock(4).create();
    Product gone = shop.aProduct().ownedBy(bob.id()).withStock(9).create();
    OpenedCart cart = shop.aCart().with(lamp, 2).with(pen, 4).with(gone, 1).open();
    Order order = shop.checkout(cart);
    shop.store().deleteProduct().delete(bob.id(), gone.id(), Optional.empty());
    CartId buyer = cart.cart().id();

    Cancellation done =
        shop.store()
            .cancelOrder()
            .cancel(CancelOrderCommand.of(new Caller.CartHolder(buyer), order.id()));

    assertThat(done.canceledByThisCall()).containsExactlyInAnyOrder(ada.id(), bob.id());
    assertThat(done.unitsRestocked()).as("a deleted product gives nothing back").isEqualTo(6);
    assertThat(done.order().status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(done.order().parts()).allSatisfy(p -> assertThat(p.isCanceled()).isTrue());
    assertThat(shop.stockOf(lamp)).isEqualTo(7);
    assertThat(shop.stockOf(pen)).isEqualTo(4);
    List<StoreEvent> events = eventsAbout(order, lamp, pen);
    assertThat(typesOf(events))
        .containsExactly(
            ORDER_PLACED,
            PRODUCT_OUT_OF_STOCK,
            ORDER_CANCELED,
            ORDER_CANCELED,
            PRODUCT_BACK_IN_STOCK);
    assertThat(events.subList(2, 4))
        .extracting(e -> (OrderCanceled) e.data())
        .allSatisfy(
            c -> {
              assertThat(c.canceledBy()).isEqualTo(CanceledBy.BUYER);
              assertThat(c.reason()).isEmpty();
              assertThat(c.orderStatus()).isEqualTo(OrderStatus.CANCELED);
            })
        .extracting(OrderCanceled::producerId, OrderCanceled::lines)
        .containsExactlyInAnyOrder(
            tuple(ada.id(), List.of(new OrderCanceled.Line(lamp.id(), 2))),
            tuple(
                bob.id(),
                List.of(
                    new OrderCanceled.Line(pen.id(), 4), new OrderCanceled.Line(gone.id(), 1))));
    assertThat(((ProductBackInStock) events.get(4).data()).product().id()).isEqualTo(pen.id());
    assertThatThrownBy(
            () ->
                shop.store()
                    .cancelOrder()
                    .cancel(
                        CancelOrderCommand.of(
                            new Caller.CartHolder(shop.aCart().open().cart().id()), order.id())))
        .as("another cart's token")
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void anEditRaisingTheStockFromZero_recordsOneBackInStock() {
    Product lamp = aProductIn(shop).withStock(0).create();
    shop.changeStock(lamp, 2);
    shop.changeStock(lamp, 5);
    List<StoreEvent> back =
        recordedEvents().stream()
            .filter(
                e -> e.data() instanceof ProductBackInStock b && b.product().id().equals(lamp.id()))
            .toList();
    assertThat(back).hasSize(1);
    assertThat(((ProductBackInStock) back.get(0).data()).product().inventoryCount()).isEqualTo(2);
  }

  @Test
  void aListener_receivesEachEventAfterItsCommit_andAgainAfterItThrew() throws Exception {
    List<StoreEvent> received = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger uncommitted = new AtomicInteger();
    CountDownLatch twoEvents = new CountDownLatch(2);
    String name = "contract-" + UUID.randomUUID();
    Store listening =
        track(
            Fixtures.testStoreBuilder(Clock.systemUTC())
                .persistence(store)
                .eventListener(
                    name,
                    event -> {
                      // The change is visible from this thread: its transaction committed.
                      if (event.data() instanceof OrderPlaced placed
                          && store.orders().findById(placed.order().id()).isEmpty()) {
                        uncommitted.incrementAndGet();
                      }
                      if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("the listener fails once");
                      }
                      received.add(event);
                      twoEvents.countDown();
                    })
                .deliveryPolicy(
                    new DeliveryPolicy(
                        Duration.ofMillis(20),
                        Duration.ofMillis(50),
                        Duration.ofHours(1),
                        Duration.ofSeconds(30)))
                .dispatchSettings(new EventDispatcher.Settings(2, 8, Duration.ofMillis(20)))
                .build()
                .start());
    Scenario buyer = Scenario.over(listening, Fixtures.aClock());
    Product lamp = aProductIn(buyer).withStock(1).create();
    Order order = buyer.checkout(buyer.aCart().with(lamp, 1).open());

    assertThat(twoEvents.await(30, TimeUnit.SECONDS)).as("both events arrived").isTrue();

    assertThat(typesOf(received)).containsExactlyInAnyOrder(ORDER_PLACED, PRODUCT_OUT_OF_STOCK);
    assertThat(calls.get()).as("one failed call, then each event once").isEqualTo(3);
    assertThat(uncommitted.get()).as("events seen before their commit").isZero();
    assertThat(store.orders().findById(order.id())).as("the sale stays").isPresent();
    assertThat(received)
        .extracting(StoreEvent::id)
        .containsExactlyInAnyOrderElementsOf(eventsOf(lamp).stream().map(StoreEvent::id).toList());
  }
}

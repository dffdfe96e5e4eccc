package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.event.EventId;
import org.barebones.store.domain.event.EventRecorder;
import org.barebones.store.domain.event.OrderShipped;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.fixtures.Race;
import org.barebones.store.domain.order.NewOrder;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.order.OrderPart;
import org.barebones.store.domain.order.OrderStatus;
import org.barebones.store.domain.order.PartStatus;
import org.barebones.store.domain.port.Placement;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;
import org.barebones.store.domain.usecase.ShipOrder;
import org.barebones.store.domain.usecase.ShipOrderCommand;
import org.barebones.store.domain.usecase.Shipment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract of {@link org.barebones.store.domain.port.OrderRepository}. */
public abstract class OrderRepositoryContract extends ContractSupport {

  private static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123Z");

  @Test
  void add_recordsTheOrderWithItsLineCopies() {
    Product lamp = aProduct(aProducer(), "19.99", 5);
    Product pen = aProduct(aProducer(), "0.10", 5);
    Cart cart = store.carts().create(NOW);
    OrderLine pens = new OrderLine(pen.id(), pen.producerId(), "Pen, blue", usd("0.10"), 3);
    OrderLine lamps = new OrderLine(lamp.id(), lamp.producerId(), "Desk lamp", usd("19.99"), 2);
    NewOrder placed = new NewOrder(cart.id(), NOW, List.of(pens, lamps));

    Order order = store.orders().add(placed);

    assertThat(order.total()).isEqualTo(usd("40.28"));
    Order found = store.orders().findById(order.id()).orElseThrow();
    assertThat(found.id()).isEqualTo(order.id());
    assertThat(found.cartId()).isEqualTo(cart.id());
    assertThat(found.total()).isEqualTo(usd("40.28"));
    assertThat(found.createdAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(NOW);
    assertThat(found.lines())
        .containsExactlyElementsOf(
            List.of(placed.lines().get(0), placed.lines().get(1)).stream()
                .sorted(java.util.Comparator.comparing(OrderLine::productId))
                .toList());
  }

  @Test
  void place_takesEveryLinesStock_recordsTheOrder_andClosesItsCart() {
    Producer seller = aProducer();
    Product lamp = aProduct(seller, "19.99", 5);
    Product pen = aProduct(aProducer(), "0.10", 3);
    Product spare = aProduct(seller, "1.00", 7);
    Cart cart = store.carts().create(NOW);
    OrderLine lamps = new OrderLine(lamp.id(), lamp.producerId(), "Desk lamp", usd("19.99"), 2);
    OrderLine pens = new OrderLine(pen.id(), pen.producerId(), "Pen, blue", usd("0.10"), 3);
    NewOrder wanted = new NewOrder(cart.id(), NOW, List.of(lamps, pens));

    Placement placement =
        store
            .transactions()
            .inTransaction(() -> store.orders().place(wanted, store.products(), store.carts()));

    assertThat(placement.shortOf()).isEmpty();
    Order order = placement.order().orElseThrow();
    assertThat(placement.stockLeft()).isEqualTo(Map.of(lamp.id(), 3, pen.id(), 0));
    assertThat(stockOf(lamp)).isEqualTo(3);
    assertThat(stockOf(pen)).isZero();
    assertThat(stockOf(spare)).isEqualTo(7);
    assertThat(order.total()).isEqualTo(usd("40.28"));
    assertThat(order.cartId()).isEqualTo(cart.id());
    assertThat(order.lines()).containsExactlyElementsOf(wanted.lines());
    assertThat(order.parts())
        .extracting(OrderPart::producerId)
        .containsExactlyInAnyOrder(lamp.producerId(), pen.producerId());
    Order found = store.orders().findById(order.id()).orElseThrow();
    assertThat(found.lines()).containsExactlyElementsOf(wanted.lines());
    assertThat(found.parts()).containsExactlyInAnyOrderElementsOf(order.parts());
    assertThat(found.total()).isEqualTo(usd("40.28"));
    assertThat(found.createdAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(NOW);
    Cart closed = store.carts().findById(cart.id()).orElseThrow();
    assertThat(closed.isOpen()).isFalse();
    assertThat(closed.orderId()).contains(order.id());
  }

  @Test
  void place_withShortLines_reportsEachOfThem_andRecordsNothingOnceRolledBack() {
    Product first = aProduct(2);
    Product second = aProduct(5);
    Product third = aProduct(0);
    Cart cart = store.carts().create(NOW);
    NewOrder wanted =
        new NewOrder(
            cart.id(), NOW, List.of(lineOf(first, 3), lineOf(second, 5), lineOf(third, 1)));
    List<Placement> seen = new ArrayList<>();

    inAFailingUnitOfWork(
        "the caller refuses the checkout",
        () -> seen.add(store.orders().place(wanted, store.products(), store.carts())));

    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).order()).isEmpty();
    assertThat(seen.get(0).shortOf()).containsExactly(first.id(), third.id());
    assertThat(stockOf(first)).isEqualTo(2);
    assertThat(stockOf(second)).as("taken, then rolled back").isEqualTo(5);
    assertThat(stockOf(third)).isZero();
    Cart stillOpen = store.carts().findById(cart.id()).orElseThrow();
    assertThat(stillOpen.isOpen()).isTrue();
    assertThat(stillOpen.orderId()).isEmpty();
  }

  @Test
  void anOrderOutlivesItsProducts() {
    Product lamp = aProduct(aProducer(), "19.99", 5);
    OrderLine lamps = new OrderLine(lamp.id(), lamp.producerId(), "Desk lamp", usd("19.99"), 1);
    Order order = anOrder(NOW, List.of(lamps));

    assertThat(store.products().delete(lamp.id())).isTrue();

    Order found = store.orders().findById(order.id()).orElseThrow();
    assertThat(found.lines()).singleElement().extracting(OrderLine::title).isEqualTo("Desk lamp");
  }

  @Test
  void findById_whenUnknown_isEmpty() {
    assertThat(store.orders().findById(new OrderId(Long.MAX_VALUE))).isEmpty();
  }

  // A producer's parts of an order: ada's and bob's.

  private Producer ada;
  private Producer bob;

  @BeforeEach
  final void twoProducers() {
    ada = aProducer();
    bob = aProducer();
  }

  @Test
  void add_givesEachProducerOfTheLinesOnePendingPart() {
    Product lamp = aProduct(ada, "19.99", 5);
    Product vase = aProduct(ada, "3.00", 5);
    Product pen = aProduct(bob, "0.10", 5);

    Order order = anOrder(NOW, List.of(lineOf(lamp, 1), lineOf(vase, 2), lineOf(pen, 3)));

    Order found = store.orders().findById(order.id()).orElseThrow();
    assertThat(found).isEqualTo(order);
    assertThat(found.parts())
        .containsExactlyInAnyOrder(OrderPart.pending(ada.id()), OrderPart.pending(bob.id()));
    assertThat(found.lines())
        .extracting(OrderLine::producerId)
        .containsOnly(Optional.of(ada.id()), Optional.of(bob.id()));
    assertThat(found.status()).isEqualTo(OrderStatus.PLACED);
  }

  @Test
  void aLineWithoutAKnownProducer_belongsToNoPart() {
    Product lamp = aProduct(ada, "19.99", 5);
    OrderLine legacy =
        new OrderLine(ProductId.of(Long.MAX_VALUE), Optional.empty(), "Gone", usd("1.00"), 1);

    Order order = anOrder(NOW, List.of(lineOf(lamp, 1), legacy));

    Order found = store.orders().findById(order.id()).orElseThrow();
    assertThat(found.parts()).containsExactly(OrderPart.pending(ada.id()));
    assertThat(found.lines()).contains(legacy);
    assertThat(found.partOf(legacy)).isEmpty();

    assertThat(store.orders().markShipped(order.id(), ada.id(), NOW, Optional.empty())).isTrue();
    assertThat(store.orders().findById(order.id()).orElseThrow().status())
        .as("shipped over the parts with a producer")
        .isEqualTo(OrderStatus.SHIPPED);
  }

  @Test
  void markShipped_shipsThatPartOnce_keepingTheFirstTracking() {
    Order order =
        anOrder(
            NOW, List.of(lineOf(aProduct(ada, "1.00", 5), 1), lineOf(aProduct(bob, "2.00", 5), 1)));
    Instant first = NOW.plusSeconds(60);

    assertThat(store.orders().markShipped(order.id(), ada.id(), first, Optional.of("TRACK-1")))
        .isTrue();
    assertThat(
            store
                .orders()
                .markShipped(order.id(), ada.id(), NOW.plusSeconds(120), Optional.of("TRACK-2")))
        .isFalse();

    Order found = store.orders().findById(order.id()).orElseThrow();
    OrderPart adas = found.partOf(ada.id()).orElseThrow();
    assertThat(adas.status()).isEqualTo(PartStatus.SHIPPED);
    assertThat(adas.shippedAt()).contains(first);
    assertThat(adas.tracking()).contains("TRACK-1");
    assertThat(found.partOf(bob.id())).contains(OrderPart.pending(bob.id()));
    assertThat(found.status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);

    assertThat(store.orders().markShipped(order.id(), bob.id(), first, Optional.empty())).isTrue();
    Order both = store.orders().findById(order.id()).orElseThrow();
    assertThat(both.status()).isEqualTo(OrderStatus.SHIPPED);
    assertThat(both.partOf(bob.id()).orElseThrow().tracking()).isEmpty();
  }

  @Test
  void markShipped_withoutSuchAPart_changesNothing() {
    Producer stranger = aProducer();
    Order order = anOrder(NOW, List.of(lineOf(aProduct(ada, "1.00", 5), 1)));

    assertThat(store.orders().markShipped(order.id(), stranger.id(), NOW, Optional.empty()))
        .isFalse();
    assertThat(
            store.orders().markShipped(OrderId.of(Long.MAX_VALUE), ada.id(), NOW, Optional.empty()))
        .isFalse();

    assertThat(store.orders().findById(order.id()).orElseThrow()).isEqualTo(order);
  }

  @Test
  void listByProducer_pagesTheOrdersItHasAPartIn_byOrderId_filteredByStatus() {
    Product lamp = aProduct(ada, "1.00", 50);
    Product pen = aProduct(bob, "2.00", 50);
    Order adaOnly = anOrder(NOW, List.of(lineOf(lamp, 1)));
    Order bobOnly = anOrder(NOW, List.of(lineOf(pen, 1)));
    Order both = anOrder(NOW, List.of(lineOf(lamp, 2), lineOf(pen, 2)));
    Order adaAgain = anOrder(NOW, List.of(lineOf(lamp, 3)));
    store.orders().markShipped(both.id(), ada.id(), NOW, Optional.of("T"));

    Page<Order> first = store.orders().listByProducer(ada.id(), Optional.empty(), page(0, 2));
    assertThat(first.items()).extracting(Order::id).containsExactly(adaOnly.id(), both.id());
    assertThat(first.nextAfter()).hasValue(both.id().value());
    Page<Order> second =
        store.orders().listByProducer(ada.id(), Optional.empty(), page(both.id().value(), 2));
    assertThat(second.items()).extracting(Order::id).containsExactly(adaAgain.id());
    assertThat(second.hasNext()).isFalse();

    assertThat(idsListedFor(ada, PartStatus.PENDING)).containsExactly(adaOnly.id(), adaAgain.id());
    assertThat(idsListedFor(ada, PartStatus.SHIPPED)).containsExactly(both.id());
    assertThat(idsListedFor(bob, PartStatus.PENDING))
        .as("bob's part of the order ada shipped is still pending")
        .containsExactly(bobOnly.id(), both.id());
    Order listed =
        store.orders().listByProducer(bob.id(), Optional.empty(), page(0, 10)).items().get(1);
    assertThat(listed).isEqualTo(store.orders().findById(both.id()).orElseThrow());
    assertThat(store.orders().listByProducer(aProducer().id(), Optional.empty(), page(0, 10)))
        .isEqualTo(new Page<>(List.of(), OptionalLong.empty()));
  }

  /** The ids on the first page of ten of {@code producer}'s orders with a part {@code status}. */
  private List<OrderId> idsListedFor(Producer producer, PartStatus status) {
    return store
        .orders()
        .listByProducer(producer.id(), Optional.of(status), page(0, 10))
        .items()
        .stream()
        .map(Order::id)
        .toList();
  }

  private static PageRequest page(long after, int limit) {
    return new PageRequest(after, limit);
  }

  /** Threads racing to ship one part; databases with real connections may raise it. */
  protected int shippingThreads() {
    return 16;
  }

  @Test
  void concurrentShipmentsOfOnePart_recordExactlyOneShipment() throws Exception {
    int rounds = 10;
    int threads = shippingThreads();
    Product lamp = aProduct(ada, "1.00", 1_000);
    Product pen = aProduct(bob, "1.00", 1_000);
    MutableClock clock = new MutableClock(NOW);
    ShipOrder ship =
        new ShipOrder(
            store.orders(),
            store.transactions(),
            new EventRecorder(store.events(), List.of(), clock, EventId::random),
            clock);
    int wins = 0;
    int repeats = 0;
    for (int round = 0; round < rounds; round++) {
      Order order = anOrder(NOW, List.of(lineOf(lamp, 1), lineOf(pen, 1)));
      List<Callable<Shipment>> calls = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        ShipOrderCommand command =
            new ShipOrderCommand(ada.id(), order.id(), Optional.of("T-" + t));
        calls.add(() -> ship.ship(command));
      }
      List<Shipment> shipments = Race.together(threads, calls);
      List<Shipment> winners = shipments.stream().filter(Shipment::shippedByThisCall).toList();
      assertThat(winners).as("calls that shipped the part in round %d", round).hasSize(1);
      wins += winners.size();
      repeats += shipments.size() - winners.size();
      OrderPart stored =
          store.orders().findById(order.id()).orElseThrow().partOf(ada.id()).orElseThrow();
      assertThat(stored.tracking()).isEqualTo(winners.get(0).producerOrder().part().tracking());
      assertThat(shipments)
          .as("every call answers the part as stored")
          .allSatisfy(s -> assertThat(s.producerOrder().part()).isEqualTo(stored));
      assertThat(shipments)
          .allSatisfy(s -> assertThat(s.orderStatus()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED));
      assertThat(
              recordedEvents().stream()
                  .filter(
                      e ->
                          e.data() instanceof OrderShipped shipped
                              && shipped.orderId().equals(order.id())))
          .as("order.shipped events of round %d", round)
          .singleElement()
          .satisfies(
              e -> {
                OrderShipped shipped = (OrderShipped) e.data();
                assertThat(shipped.producerId()).isEqualTo(ada.id());
                assertThat(shipped.tracking()).isEqualTo(stored.tracking());
                assertThat(shipped.shippedAt()).isEqualTo(stored.shippedAt().orElseThrow());
                assertThat(shipped.orderStatus()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
              });
    }
    assertThat(wins).isEqualTo(rounds);
    assertThat(repeats).isEqualTo(rounds * (threads - 1));
  }
}

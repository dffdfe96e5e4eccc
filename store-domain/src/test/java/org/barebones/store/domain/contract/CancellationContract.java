package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.event.EventId;
import org.barebones.store.domain.event.EventRecorder;
import org.barebones.store.domain.event.OrderCanceled;
import org.barebones.store.domain.event.OrderShipped;
import org.barebones.store.domain.event.StoreEvent;
import org.barebones.store.domain.fixtures.Fixtures;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.fixtures.Race;
import org.barebones.store.domain.fixtures.RestockOutsideTheUnitOfWork;
import org.barebones.store.domain.order.AlreadyShippedException;
import org.barebones.store.domain.order.CanceledBy;
import org.barebones.store.domain.order.InsufficientStockException;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderCanceledException;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderPart;
import org.barebones.store.domain.order.PartStatus;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.port.CancellationListener;
import org.barebones.store.domain.port.OrderRepository;
import org.barebones.store.domain.port.Restock;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.usecase.CancelOrder;
import org.barebones.store.domain.usecase.CancelOrderCommand;
import org.barebones.store.domain.usecase.Cancellation;
import org.barebones.store.domain.usecase.CheckoutCommand;
import org.barebones.store.domain.usecase.SetCartLineCommand;
import org.barebones.store.domain.usecase.ShipOrder;
import org.barebones.store.domain.usecase.ShipOrderCommand;
import org.barebones.store.domain.usecase.Shipment;
import org.junit.jupiter.api.Test;

/**
 * Contract of cancellation over a whole set of adapters ({@link OrderRepository#cancelPending} and
 * {@link org.barebones.store.domain.port.ProductRepository#returnStock}): a canceled part's units
 * come back in the cancellation's own unit of work, exactly once; of a cancellation and a shipment
 * racing for one part exactly one happens, and the stock comes back exactly when the cancellation
 * won; cancellations racing checkouts of the same products never oversell, never deadlock, and keep
 * the books exact. A control that restocks outside the unit of work is caught by the race.
 */
public abstract class CancellationContract extends ContractSupport {

  private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

  /** Threads racing for one part or one product; databases with real connections may raise it. */
  protected int threads() {
    return 16;
  }

  /**
   * Whether two units of work of these adapters run at once (false for the in-memory adapters,
   * whose units of work take one lock: the control's restock on another thread would wait forever).
   */
  protected boolean unitsOfWorkRunConcurrently() {
    return true;
  }

  private CancelOrder cancelOrder(OrderRepository orders, MutableClock clock) {
    return new CancelOrder(
        orders,
        store.products(),
        store.transactions(),
        new EventRecorder(store.events(), List.of(), clock, EventId::random),
        clock,
        CancellationListener.NONE);
  }

  /** Cancels the parts of {@code producers} that are still pending, at {@link #NOW}. */
  private Restock cancelPending(
      Order order, List<ProducerId> producers, CanceledBy by, Optional<String> reason) {
    return store.orders().cancelPending(order.id(), producers, NOW, by, reason, store.products());
  }

  @Test
  void returnStock_addsToTheStockAsItIsNow_bumpsTheVersion_andGivesNothingToADeletedProduct() {
    Product lamp = aProduct(aProducer(), "1.00", 0);
    Product gone = aProduct(aProducer(), "1.00", 3);
    store.products().delete(gone.id());

    assertThat(store.products().returnStock(lamp.id(), 4)).hasValue(4);
    assertThat(store.products().takeStock(lamp.id(), 1)).isTrue();
    assertThat(store.products().returnStock(lamp.id(), 2)).hasValue(5);
    assertThat(store.products().returnStock(gone.id(), 2)).isEmpty();

    Product now = store.products().findById(lamp.id()).orElseThrow();
    assertThat(now.inventoryCount()).isEqualTo(5);
    assertThat(now.version()).isEqualTo(lamp.version() + 3);
    assertThat(store.products().findById(gone.id())).isEmpty();
  }

  @Test
  void cancelPending_returnsTheCanceledPartsUnits_only_andNothingForADeletedProduct() {
    Producer ada = aProducer();
    Producer bob = aProducer();
    Product lamp = aProduct(ada, "1.00", 0);
    Product vase = aProduct(ada, "1.00", 4);
    Product gone = aProduct(ada, "1.00", 1);
    Product pen = aProduct(bob, "1.00", 6);
    Order order =
        anOrder(NOW, List.of(lineOf(lamp, 2), lineOf(vase, 3), lineOf(gone, 1), lineOf(pen, 5)));
    store.products().delete(gone.id());

    Restock restock =
        store
            .transactions()
            .inTransaction(
                () ->
                    cancelPending(
                        order, List.of(ada.id()), CanceledBy.PRODUCER, Optional.of("why")));

    assertThat(restock.canceled()).containsExactly(ada.id());
    assertThat(restock.returned()).isEqualTo(Map.of(lamp.id(), 2, vase.id(), 3));
    assertThat(restock.stockAfter()).isEqualTo(Map.of(lamp.id(), 2, vase.id(), 7));
    assertThat(restock.backInStock()).containsExactly(lamp.id());
    assertThat(restock.units()).isEqualTo(5);
    assertThat(stockOf(lamp)).isEqualTo(2);
    assertThat(stockOf(vase)).isEqualTo(7);
    assertThat(stockOf(pen)).isEqualTo(6);
    Order found = store.orders().findById(order.id()).orElseThrow();
    assertThat(found.partOf(ada.id()).orElseThrow().status()).isEqualTo(PartStatus.CANCELED);
    assertThat(found.partOf(ada.id()).orElseThrow().canceledAt()).contains(NOW);
    assertThat(found.partOf(bob.id()).orElseThrow().isPending()).isTrue();

    Restock again =
        store
            .transactions()
            .inTransaction(
                () ->
                    cancelPending(
                        order, List.of(ada.id(), bob.id()), CanceledBy.BUYER, Optional.empty()));
    assertThat(again.canceled()).as("only the part still pending").containsExactly(bob.id());
    assertThat(again.returned()).isEqualTo(Map.of(pen.id(), 5));
    assertThat(stockOf(lamp)).as("not given back twice").isEqualTo(2);
    assertThat(stockOf(pen)).isEqualTo(11);
    assertThat(store.orders().markShipped(order.id(), bob.id(), NOW, Optional.empty()))
        .as("a canceled part is never shipped")
        .isFalse();
  }

  @Test
  void aCancellationRolledBack_givesNothingBack_andCancelsNothing() {
    Producer ada = aProducer();
    Product lamp = aProduct(ada, "1.00", 1);
    Order order = anOrder(NOW, List.of(lineOf(lamp, 3)));

    inAFailingUnitOfWork(
        "the unit of work fails",
        () -> cancelPending(order, List.of(ada.id()), CanceledBy.BUYER, Optional.empty()));

    assertThat(stockOf(lamp)).isEqualTo(1);
    assertThat(store.orders().findById(order.id()).orElseThrow().partOf(ada.id()))
        .map(OrderPart::isPending)
        .contains(true);
  }

  /** What {@code call} returned, or the runtime exception it threw. */
  private static Object outcomeOf(Callable<Object> call) throws Exception {
    try {
      return call.call();
    } catch (RuntimeException e) {
      return e;
    }
  }

  /** What a race of cancellations and shipments of one part showed, over its rounds. */
  public record CancelShipRace(int cancelWins, int shipWins, List<String> violations) {}

  /**
   * Rounds of {@link #threads()} threads, half canceling and half shipping one producer's part of a
   * fresh order at once, through {@code orders}. Records, never asserts, what went wrong: not
   * exactly one winner, stock back when the shipment won (or not back when the cancellation won),
   * not exactly one event of the winner and none of the loser, the other producer's stock moved, a
   * loser that did not get its conflict.
   */
  protected CancelShipRace raceCancellationsAndShipments(OrderRepository orders, int rounds)
      throws Exception {
    int threads = threads();
    Producer ada = aProducer();
    Producer bob = aProducer();
    Product lamp = aProduct(ada, "1.00", 1_000);
    Product pen = aProduct(bob, "1.00", 1_000);
    MutableClock clock = new MutableClock(NOW);
    CancelOrder cancel = cancelOrder(orders, clock);
    ShipOrder ship =
        new ShipOrder(
            orders,
            store.transactions(),
            new EventRecorder(store.events(), List.of(), clock, EventId::random),
            clock);
    List<String> violations = new ArrayList<>();
    int cancelWins = 0;
    int shipWins = 0;
    for (int round = 0; round < rounds; round++) {
      Order order = anOrder(NOW, List.of(lineOf(lamp, 3), lineOf(pen, 2)));
      int lampBefore = stockOf(lamp);
      int penBefore = stockOf(pen);
      List<Callable<Object>> calls = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<Object> call =
            t % 2 == 0
                ? () ->
                    cancel.cancel(
                        CancelOrderCommand.of(new Caller.ProducerCaller(ada.id()), order.id()))
                : () -> ship.ship(ShipOrderCommand.of(ada.id(), order.id()));
        calls.add(() -> outcomeOf(call));
      }
      int canceledNow = 0;
      int shippedNow = 0;
      int conflicts = 0;
      for (Object outcome : Race.together(threads, calls)) {
        if (outcome instanceof Cancellation c) {
          canceledNow += c.canceledByThisCall().size();
        } else if (outcome instanceof Shipment s) {
          shippedNow += s.shippedByThisCall() ? 1 : 0;
        } else if (outcome instanceof AlreadyShippedException
            || outcome instanceof OrderCanceledException) {
          conflicts++;
        } else {
          violations.add("round " + round + ": unexpected " + outcome);
        }
      }
      PartStatus status =
          store.orders().findById(order.id()).orElseThrow().partOf(ada.id()).orElseThrow().status();
      boolean canceled = status == PartStatus.CANCELED;
      cancelWins += canceled ? 1 : 0;
      shipWins += status == PartStatus.SHIPPED ? 1 : 0;
      if (canceledNow + shippedNow != 1 || (canceled ? canceledNow : shippedNow) != 1) {
        violations.add(
            "round "
                + round
                + ": "
                + canceledNow
                + " cancellations and "
                + shippedNow
                + " shipments happened, part "
                + status.code());
      }
      // The losers of the other kind get their conflict; those of the winner's kind repeat it.
      int shippers = threads / 2;
      int cancellers = threads - shippers;
      if (!canceled && status != PartStatus.SHIPPED) {
        violations.add("round " + round + ": part left " + status.code());
      }
      if (conflicts != (canceled ? shippers : cancellers)) {
        violations.add("round " + round + ": " + conflicts + " conflicts");
      }
      int lampBack = stockOf(lamp) - lampBefore;
      if (lampBack != (canceled ? 3 : 0)) {
        violations.add("round " + round + ": " + lampBack + " units back, part " + status.code());
      }
      if (stockOf(pen) != penBefore) {
        violations.add("round " + round + ": the other producer's stock moved");
      }
      long canceledEvents = 0;
      long shippedEvents = 0;
      for (StoreEvent e : recordedEvents()) {
        if (e.data() instanceof OrderCanceled c && c.orderId().equals(order.id())) {
          canceledEvents++;
        } else if (e.data() instanceof OrderShipped s && s.orderId().equals(order.id())) {
          shippedEvents++;
        }
      }
      if (canceledEvents != (canceled ? 1 : 0) || shippedEvents != (canceled ? 0 : 1)) {
        violations.add(
            "round "
                + round
                + ": "
                + canceledEvents
                + " order.canceled and "
                + shippedEvents
                + " order.shipped events, part "
                + status.code());
      }
    }
    return new CancelShipRace(cancelWins, shipWins, violations);
  }

  @Test
  void cancellationsRacingShipmentsOfOnePart_exactlyOneWins_stockBackExactlyWhenCanceled()
      throws Exception {
    int rounds = 12;
    CancelShipRace race = raceCancellationsAndShipments(store.orders(), rounds);
    System.out.printf(
        "%s cancel/ship race: %d rounds of %d threads, cancellation won %d, shipment won %d,"
            + " violations %d%n",
        getClass().getSimpleName(),
        rounds,
        threads(),
        race.cancelWins(),
        race.shipWins(),
        race.violations().size());
    assertThat(race.violations()).isEmpty();
    assertThat(race.cancelWins() + race.shipWins()).isEqualTo(rounds);
  }

  @Test
  void control_aRestockOutsideTheUnitOfWork_isCaughtByTheSameRace() throws Exception {
    assumeTrue(unitsOfWorkRunConcurrently(), "the control needs concurrent units of work");
    List<String> caught = List.of();
    for (int attempt = 0; attempt < 3 && caught.isEmpty(); attempt++) {
      caught =
          raceCancellationsAndShipments(new RestockOutsideTheUnitOfWork(store.orders()), 12)
              .violations();
    }
    System.out.printf(
        "%s control: %d violations caught, first: %s%n",
        getClass().getSimpleName(), caught.size(), caught.isEmpty() ? "-" : caught.get(0));
    assertThat(caught).as("the race catches a restock outside the unit of work").isNotEmpty();
  }

  @Test
  void cancellationsRacingCheckoutsOfTheSameProducts_neverOversell_andKeepTheBooksExact()
      throws Exception {
    int stock = 20;
    int placed = 8;
    int checkouts = threads() + 8;
    // The later producer owns the lower product id, so a restock part by part (in producer order)
    // would take the products in the opposite order to a checkout, and could deadlock with it.
    Producer ada = aProducer();
    Producer bob = aProducer();
    Product first = aProduct(bob, "1.00", stock);
    Product second = aProduct(ada, "1.00", stock);
    MutableClock clock = Fixtures.aClock();
    try (Store shop = Fixtures.testStoreBuilder(clock).persistence(store).build()) {
      List<OrderId> orders = new ArrayList<>();
      List<CartId> buyers = new ArrayList<>();
      for (int i = 0; i < placed; i++) {
        CartId cart = cartWith(shop, first, second);
        buyers.add(cart);
        orders.add(shop.checkout().checkout(CheckoutCommand.of(cart)).id());
      }
      List<CartId> carts = new ArrayList<>();
      for (int i = 0; i < checkouts; i++) {
        carts.add(cartWith(shop, first, second));
      }
      assertThat(stockOf(first)).isEqualTo(stock - placed);

      List<Callable<Object>> calls = new ArrayList<>();
      for (int i = 0; i < Math.max(placed, checkouts); i++) {
        if (i < placed) {
          CancelOrderCommand cancel =
              CancelOrderCommand.of(new Caller.CartHolder(buyers.get(i)), orders.get(i));
          calls.add(() -> shop.cancelOrder().cancel(cancel));
        }
        if (i < checkouts) {
          CartId cart = carts.get(i);
          calls.add(() -> orderOrShortage(shop, cart));
        }
      }
      List<Object> outcomes;
      try {
        outcomes = Race.together(threads(), calls);
      } catch (ExecutionException e) {
        throw new AssertionError("a cancellation or checkout failed", e.getCause());
      }
      int sold = 0;
      int refused = 0;
      int restocked = 0;
      for (Object outcome : outcomes) {
        if (outcome instanceof Order) {
          sold++;
        } else if (outcome instanceof Cancellation c) {
          assertThat(c.canceledByThisCall()).hasSize(2);
          restocked += c.unitsRestocked();
        } else {
          refused++;
        }
      }
      System.out.printf(
          "%s cancel/checkout race: stock %d each, %d placed then canceled (%d units back),"
              + " %d checkouts: %d sold, %d refused; left %d and %d%n",
          getClass().getSimpleName(),
          stock,
          placed,
          restocked,
          checkouts,
          sold,
          refused,
          stockOf(first),
          stockOf(second));
      assertThat(restocked).isEqualTo(2 * placed);
      assertThat(sold + refused).isEqualTo(checkouts);
      assertThat(sold).as("never more sold than stocked plus restocked").isLessThanOrEqualTo(stock);
      for (Product product : List.of(first, second)) {
        assertThat(stockOf(product))
            .as("the books of product %s: stock - placed - sold + restocked", product.id())
            .isEqualTo(stock - placed - sold + placed)
            .isGreaterThanOrEqualTo(0);
      }
    }
  }

  /** The order a checkout of {@code cart} placed, or the shortage that refused it. */
  private static Object orderOrShortage(Store shop, CartId cart) {
    try {
      return shop.checkout().checkout(CheckoutCommand.of(cart));
    } catch (InsufficientStockException e) {
      return e;
    }
  }

  private static CartId cartWith(Store shop, Product... products) {
    Cart cart = shop.createCart().create().cart();
    for (Product product : products) {
      shop.setCartLine().set(new SetCartLineCommand(cart.id(), cart.id(), product.id(), 1));
    }
    return cart.id();
  }

  @Test
  void theBuyersCancellation_ofParts_thatAllShipped_isAConflict_andChangesNothing() {
    Producer ada = aProducer();
    Product lamp = aProduct(ada, "1.00", 5);
    Order order = anOrder(NOW, List.of(lineOf(lamp, 2)));
    MutableClock clock = new MutableClock(NOW);
    store.orders().markShipped(order.id(), ada.id(), NOW, Optional.empty());

    assertThatThrownBy(
            () ->
                cancelOrder(store.orders(), clock)
                    .cancel(
                        CancelOrderCommand.of(new Caller.CartHolder(order.cartId()), order.id())))
        .isInstanceOf(AlreadyShippedException.class);
    assertThat(stockOf(lamp)).isEqualTo(5);
    assertThat(
            recordedEvents().stream()
                .filter(e -> e.data() instanceof OrderCanceled c && c.orderId().equals(order.id())))
        .isEmpty();
    assertThat(Set.of(store.orders().findById(order.id()).orElseThrow().status().code()))
        .containsExactly("shipped");
  }
}

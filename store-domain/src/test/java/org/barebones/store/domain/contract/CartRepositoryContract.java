package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.cart.CartStatus;
import org.barebones.store.domain.order.NewOrder;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.port.LockedCart;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.product.Product;
import org.junit.jupiter.api.Test;

/** Contract of {@link org.barebones.store.domain.port.CartRepository}. */
public abstract class CartRepositoryContract extends ContractSupport {

  private static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123Z");

  @Test
  void create_makesAnEmptyOpenCartWithAFreshId() {
    Cart a = store.carts().create(NOW);
    Cart b = store.carts().create(NOW);

    assertThat(b.id()).isNotEqualTo(a.id());
    Cart found = store.carts().findById(a.id()).orElseThrow();
    assertThat(found.status()).isEqualTo(CartStatus.OPEN);
    assertThat(found.lines()).isEmpty();
    assertThat(found.cachedPrice()).isEqualTo(usd("0.00"));
    assertThat(found.orderId()).isEmpty();
    assertThat(found.createdAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(NOW);
  }

  @Test
  void findById_whenUnknown_isEmpty() {
    assertThat(store.carts().findById(new CartId(Long.MAX_VALUE))).isEmpty();
    assertThat(store.carts().lockById(new CartId(Long.MAX_VALUE))).isEmpty();
  }

  @Test
  void lockWithProducts_givesTheCartWithTheCurrentProductsOfItsLines() {
    Producer owner = aProducer();
    Product lamp = aProduct(owner, "19.99", 10);
    Product pen = aProduct(aProducer(), "0.10", 7);
    aProduct(owner, "3.00", 5);
    Cart cart = store.carts().create(NOW);
    store.carts().putLine(cart.id(), pen.id(), 3, usd("0.10"));
    store.carts().putLine(cart.id(), lamp.id(), 2, usd("18.00"));

    LockedCart locked =
        store
            .transactions()
            .inTransaction(
                () -> store.carts().lockWithProducts(cart.id(), store.products()).orElseThrow());

    assertThat(locked.cart()).isEqualTo(store.carts().findById(cart.id()).orElseThrow());
    assertThat(locked.products())
        .isEqualTo(
            Map.of(
                lamp.id(), store.products().findById(lamp.id()).orElseThrow(),
                pen.id(), store.products().findById(pen.id()).orElseThrow()));
    Cart empty = store.carts().create(NOW);
    LockedCart none =
        store
            .transactions()
            .inTransaction(
                () -> store.carts().lockWithProducts(empty.id(), store.products()).orElseThrow());
    assertThat(none.cart().lines()).isEmpty();
    assertThat(none.products()).isEmpty();
    assertThat(
            store
                .transactions()
                .inTransaction(
                    () ->
                        store
                            .carts()
                            .lockWithProducts(new CartId(Long.MAX_VALUE), store.products())))
        .isEmpty();
  }

  @Test
  void putLine_addsThenChangesALine_keepingItsId_andRecomputesTheCachedPrice() {
    Producer owner = aProducer();
    Product lamp = aProduct(owner, "19.99", 10);
    Product pen = aProduct(owner, "0.10", 10);
    Cart cart = store.carts().create(NOW);

    store.carts().putLine(cart.id(), lamp.id(), 2, usd("19.99"));
    store.carts().putLine(cart.id(), pen.id(), 3, usd("0.10"));
    Cart two = store.carts().findById(cart.id()).orElseThrow();
    assertThat(two.lines()).extracting(CartLine::productId).containsExactly(lamp.id(), pen.id());
    assertThat(two.cachedPrice()).isEqualTo(usd("40.28"));

    store.carts().putLine(cart.id(), lamp.id(), 1, usd("18.00"));
    Cart changed = store.carts().findById(cart.id()).orElseThrow();
    CartLine lampLine = changed.line(lamp.id()).orElseThrow();
    assertThat(lampLine.id()).isEqualTo(two.line(lamp.id()).orElseThrow().id());
    assertThat(lampLine.quantity()).isEqualTo(1);
    assertThat(lampLine.unitPrice()).isEqualTo(usd("18.00"));
    assertThat(changed.cachedPrice()).isEqualTo(usd("18.30"));
  }

  /** An open cart of two lamps at 5.00 and a pen at 1.00, each product 10 in stock. */
  private record LampsAndPen(Product lamp, Product pen, Cart cart) {}

  private LampsAndPen twoLampsAndAPen() {
    Product lamp = aProduct(aProducer(), "5.00", 10);
    Product pen = aProduct(aProducer(), "1.00", 10);
    Cart cart = store.carts().create(NOW);
    store.carts().putLine(cart.id(), lamp.id(), 2, usd("5.00"));
    store.carts().putLine(cart.id(), pen.id(), 1, usd("1.00"));
    return new LampsAndPen(lamp, pen, cart);
  }

  /** A new open cart of {@code quantity} units of {@code product} at its price. */
  private Cart aCartOf(Product product, int quantity) {
    Cart cart = store.carts().create(NOW);
    store.carts().putLine(cart.id(), product.id(), quantity, product.price());
    return store.carts().findById(cart.id()).orElseThrow();
  }

  @Test
  void removeLine_dropsTheLineAndRecomputes() {
    LampsAndPen given = twoLampsAndAPen();

    store.carts().removeLine(given.cart().id(), given.lamp().id());
    store.carts().removeLine(given.cart().id(), given.lamp().id()); // absent: no effect

    Cart after = store.carts().findById(given.cart().id()).orElseThrow();
    assertThat(after.lines()).extracting(CartLine::productId).containsExactly(given.pen().id());
    assertThat(after.cachedPrice()).isEqualTo(usd("1.00"));
  }

  @Test
  void repriceLines_setsTheListedUnitPricesOnly() {
    LampsAndPen given = twoLampsAndAPen();

    store.carts().repriceLines(given.cart().id(), Map.of(given.lamp().id(), usd("7.25")));

    Cart after = store.carts().findById(given.cart().id()).orElseThrow();
    assertThat(after.line(given.lamp().id()).orElseThrow().unitPrice()).isEqualTo(usd("7.25"));
    assertThat(after.line(given.pen().id()).orElseThrow().unitPrice()).isEqualTo(usd("1.00"));
    assertThat(after.cachedPrice()).isEqualTo(usd("15.50"));
  }

  @Test
  void aCartWithAHundredLines_loadsEveryLine() {
    Producer owner = aProducer();
    Cart cart = store.carts().create(NOW);
    for (int i = 0; i < 100; i++) {
      Product p = aProduct(owner, "1.01", 100);
      store.carts().putLine(cart.id(), p.id(), i + 1, usd("1.01"));
    }

    Cart found = store.carts().findById(cart.id()).orElseThrow();

    assertThat(found.lines()).hasSize(100);
    assertThat(found.lines().stream().mapToInt(CartLine::quantity).sum()).isEqualTo(5050);
    assertThat(found.cachedPrice()).isEqualTo(usd("5100.50"));
  }

  @Test
  void markCheckedOut_namesTheOrder() {
    Product lamp = aProduct(aProducer(), "5.00", 10);
    Cart cart = aCartOf(lamp, 2);
    Order order = anOrderFor(cart, lamp);

    store.carts().markCheckedOut(cart.id(), order.id());

    Cart after = store.carts().findById(cart.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(CartStatus.CHECKED_OUT);
    assertThat(after.orderId()).contains(order.id());
    assertThat(after.cachedPrice()).isEqualTo(usd("10.00"));
  }

  @Test
  void delete_removesTheCartAndItsLines() {
    Product lamp = aProduct(aProducer(), "5.00", 10);
    Cart cart = aCartOf(lamp, 2);

    assertThat(store.carts().delete(cart.id())).isTrue();
    assertThat(store.carts().findById(cart.id())).isEmpty();
    assertThat(store.carts().delete(cart.id())).isFalse();
    assertThat(store.products().delete(lamp.id())).isTrue();
  }

  @Test
  void removeProductFromOpenCarts_recomputesOpenCarts_andLeavesSoldCartsTheirPrice() {
    LampsAndPen given = twoLampsAndAPen();
    Cart sold = aCartOf(given.lamp(), 1);
    store.carts().markCheckedOut(sold.id(), anOrderFor(sold, given.lamp()).id());

    store.carts().removeProductFromOpenCarts(given.lamp().id());
    assertThat(store.products().delete(given.lamp().id())).isTrue();

    Cart openAfter = store.carts().findById(given.cart().id()).orElseThrow();
    assertThat(openAfter.lines()).extracting(CartLine::productId).containsExactly(given.pen().id());
    assertThat(openAfter.cachedPrice()).isEqualTo(usd("1.00"));
    Cart soldAfter = store.carts().findById(sold.id()).orElseThrow();
    assertThat(soldAfter.status()).isEqualTo(CartStatus.CHECKED_OUT);
    assertThat(soldAfter.cachedPrice()).isEqualTo(usd("5.00"));
  }

  private Order anOrderFor(Cart cart, Product product) {
    return store.orders().add(new NewOrder(cart.id(), NOW, List.of(lineOf(product, 1))));
  }
}

package org.barebones.store.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Currency;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.fixtures.Fixtures;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.inmemory.InMemoryTokenService;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.domain.shared.UnauthenticatedException;
import org.barebones.store.domain.usecase.OpenedCart;
import org.junit.jupiter.api.Test;

class StoreTest {

  @Test
  void builder_withoutPersistence_isRefused() {
    assertThatThrownBy(() -> Store.builder().build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("persistence");
  }

  @Test
  void inMemoryPersistence_takesTheCurrencySetAfterIt() {
    Currency eur = Currency.getInstance("EUR");
    Store store = Store.builder().inMemoryPersistence().currency(eur).build();

    OpenedCart cart = store.createCart().create();

    assertThat(cart.cart().cachedPrice()).isEqualTo(Money.zero(eur));
  }

  @Test
  void defaults_areUsdAndInMemoryTokens() {
    Store store = Fixtures.testStore();

    assertThat(Store.DEFAULT_CURRENCY).isEqualTo(Currency.getInstance("USD"));
    assertThat(store.currency()).isEqualTo(Store.DEFAULT_CURRENCY);
    assertThat(store.tokens()).isInstanceOf(InMemoryTokenService.class);
  }

  @Test
  void theCurrency_isUsedByProductsCartsAndOrders() {
    Currency eur = Currency.getInstance("EUR");
    MutableClock clock = Fixtures.aClock();
    Scenario shop =
        Scenario.over(
            Fixtures.testStoreBuilder(clock).currency(eur).inMemoryPersistence().build(), clock);

    Product lamp = shop.aProduct().withPrice("19.99").create();
    OpenedCart cart = shop.aCart().with(lamp, 2).open();
    Order order = shop.checkout(cart);

    assertThat(shop.store().currency()).isEqualTo(eur);
    assertThat(lamp.price()).isEqualTo(Money.of("19.99", eur));
    assertThat(shop.store().createCart().create().cart().cachedPrice()).isEqualTo(Money.zero(eur));
    assertThat(order.total()).isEqualTo(Money.of("39.98", eur));
  }

  @Test
  void theClock_drivesTimestampsAndTokenLifetimes() {
    MutableClock clock = Fixtures.aClock();
    Scenario shop = Scenario.over(Fixtures.testStore(clock), clock);
    OpenedCart cart = shop.store().createCart().create();
    var producer = shop.aProducer().register();

    clock.advance(Store.DEFAULT_PRODUCER_TOKEN_LIFETIME);

    Cart stored = shop.current(cart);
    assertThat(stored.createdAt()).isEqualTo(Fixtures.START);
    assertThatThrownBy(() -> shop.store().tokens().verify(producer.token()))
        .isInstanceOf(UnauthenticatedException.class);
    assertThat(shop.store().tokens().verify(cart.token()))
        .isEqualTo(new Caller.CartHolder(cart.cart().id()));
    clock.advance(Store.DEFAULT_CART_TOKEN_LIFETIME.minus(Store.DEFAULT_PRODUCER_TOKEN_LIFETIME));
    assertThatThrownBy(() -> shop.store().tokens().verify(cart.token()))
        .isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void defaultTokenLifetimes_areADayAndThirtyDays() {
    assertThat(Store.DEFAULT_PRODUCER_TOKEN_LIFETIME).isEqualTo(Duration.ofHours(24));
    assertThat(Store.DEFAULT_CART_TOKEN_LIFETIME).isEqualTo(Duration.ofDays(30));
  }
}

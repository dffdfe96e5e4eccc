package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.barebones.store.domain.fixtures.Fixtures.usd;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.CartStatus;
import org.barebones.store.domain.fixtures.Fixtures;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.port.Caller;
import org.junit.jupiter.api.Test;

class CreateCartTest {
  private final Scenario shop = Scenario.inMemory();
  private final Store store = shop.store();

  @Test
  void create_opensAnEmptyCartAtZero() {
    OpenedCart opened = store.createCart().create();

    assertThat(opened.cart().status()).isEqualTo(CartStatus.OPEN);
    assertThat(opened.cart().isOpen()).isTrue();
    assertThat(opened.cart().lines()).isEmpty();
    assertThat(opened.cart().cachedPrice()).isEqualTo(usd("0.00"));
    assertThat(opened.cart().orderId()).isEmpty();
    assertThat(opened.cart().createdAt()).isEqualTo(Fixtures.START);
  }

  @Test
  void create_issuesATokenForThatCartOnly() {
    OpenedCart first = store.createCart().create();
    OpenedCart second = store.createCart().create();

    assertThat(store.tokens().verify(first.token()))
        .isEqualTo(new Caller.CartHolder(first.cart().id()));
    assertThat(store.tokens().verify(second.token()))
        .isEqualTo(new Caller.CartHolder(second.cart().id()));
    assertThat(first.cart().id()).isNotEqualTo(second.cart().id());
    assertThat(first.token()).isNotEqualTo(second.token());
  }

  @Test
  void create_isStored() {
    OpenedCart opened = store.createCart().create();

    assertThat(shop.current(opened)).isEqualTo(opened.cart());
  }

  @Test
  void toString_neverPrintsTheToken() {
    OpenedCart opened = store.createCart().create();

    assertThat(opened.toString()).doesNotContain(opened.token());
  }
}

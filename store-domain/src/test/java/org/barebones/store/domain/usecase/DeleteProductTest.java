package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.barebones.store.domain.fixtures.Fixtures.usd;

import java.util.Optional;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.Cart;
import org.barebones.store.domain.cart.CartLine;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.ForbiddenException;
import org.barebones.store.domain.shared.NotFoundException;
import org.junit.jupiter.api.Test;

class DeleteProductTest {
  private final Scenario shop = Scenario.inMemory();
  private final Store store = shop.store();
  private final ProducerId ada = shop.aProducer().named("ada").register().producer().id();
  private final ProducerId bob = shop.aProducer().named("bob").register().producer().id();
  private final Product lamp =
      shop.aProduct().ownedBy(ada).titled("Desk lamp").withPrice("19.99").create();
  private final Product mug = shop.aProduct().ownedBy(bob).titled("Mug").withPrice("5.00").create();

  @Test
  void delete_byTheOwner_removesTheProduct() {
    store.deleteProduct().delete(ada, lamp.id(), Optional.empty());

    assertThatThrownBy(() -> store.getProduct().get(lamp.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(store.getProducer().get(ada).products()).isEmpty();
  }

  @Test
  void delete_namingTheOwnerInTheBody_isAccepted() {
    store.deleteProduct().delete(ada, lamp.id(), Optional.of(ada));

    assertThatThrownBy(() -> shop.current(lamp)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void delete_removesItFromEveryOpenCart_andRecomputesTheirCachedPrice() {
    var both = shop.aCart().with(lamp, 2).with(mug, 1).open();
    var lampOnly = shop.aCart().with(lamp, 1).open();
    assertThat(both.cart().cachedPrice()).isEqualTo(usd("44.98"));

    store.deleteProduct().delete(ada, lamp.id(), Optional.empty());

    Cart afterBoth = shop.current(both);
    assertThat(afterBoth.lines()).extracting(CartLine::productId).containsExactly(mug.id());
    assertThat(afterBoth.cachedPrice()).isEqualTo(usd("5.00"));
    Cart afterLampOnly = shop.current(lampOnly);
    assertThat(afterLampOnly.isEmpty()).isTrue();
    assertThat(afterLampOnly.cachedPrice()).isEqualTo(usd("0.00"));
  }

  @Test
  void delete_leavesPastOrdersWithTheirOwnCopyOfTitleAndPrice() {
    var cart = shop.aCart().with(lamp, 2).open();
    Order placed = shop.checkout(cart);

    store.deleteProduct().delete(ada, lamp.id(), Optional.empty());

    Order later = store.getOrder().get(cart.cart().id(), placed.id());
    assertThat(later).isEqualTo(placed);
    assertThat(later.lines())
        .containsExactly(new OrderLine(lamp.id(), lamp.producerId(), "Desk lamp", usd("19.99"), 2));
    assertThat(later.total()).isEqualTo(usd("39.98"));
  }

  @Test
  void delete_byAnotherProducer_isForbidden_andKeepsTheProductEverywhere() {
    var cart = shop.aCart().with(lamp, 1).open();

    assertThatThrownBy(() -> store.deleteProduct().delete(bob, lamp.id(), Optional.empty()))
        .isInstanceOf(ForbiddenException.class);

    assertThat(shop.current(lamp)).isEqualTo(lamp);
    assertThat(shop.current(cart).productIds()).containsExactly(lamp.id());
  }

  @Test
  void delete_namingAnotherProducerInTheBody_isForbidden() {
    assertThatThrownBy(() -> store.deleteProduct().delete(ada, lamp.id(), Optional.of(bob)))
        .isInstanceOf(ForbiddenException.class);

    assertThat(shop.current(lamp)).isEqualTo(lamp);
  }

  @Test
  void delete_ofAnUnknownProduct_isNotFound() {
    assertThatThrownBy(() -> store.deleteProduct().delete(ada, ProductId.of(999), Optional.empty()))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No product 999");
  }

  @Test
  void delete_twice_isNotFoundTheSecondTime() {
    store.deleteProduct().delete(ada, lamp.id(), Optional.empty());

    assertThatThrownBy(() -> store.deleteProduct().delete(ada, lamp.id(), Optional.empty()))
        .isInstanceOf(NotFoundException.class);
  }
}

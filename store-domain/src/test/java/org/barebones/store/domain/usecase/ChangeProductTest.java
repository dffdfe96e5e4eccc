package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.barebones.store.domain.fixtures.Fixtures.usd;

import java.math.BigDecimal;
import java.util.Optional;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductChange;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.ForbiddenException;
import org.barebones.store.domain.shared.InvalidInputException;
import org.barebones.store.domain.shared.NotFoundException;
import org.barebones.store.domain.shared.PreconditionFailedException;
import org.junit.jupiter.api.Test;

class ChangeProductTest {
  private final Scenario shop = Scenario.inMemory();
  private final Store store = shop.store();
  private final ProducerId ada = shop.aProducer().named("ada").register().producer().id();
  private final Product lamp =
      shop.aProduct().ownedBy(ada).titled("Desk lamp").withPrice("19.99").withStock(5).create();
  private final ProducerId bob = shop.aProducer().named("bob").register().producer().id();

  @Test
  void change_onlyThePrice_keepsTheOtherFields_andBumpsTheVersion() {
    Product changed = change(ada, price("25.00"), Optional.empty());

    assertThat(changed.price()).isEqualTo(usd("25.00"));
    assertThat(changed.title()).isEqualTo("Desk lamp");
    assertThat(changed.inventoryCount()).isEqualTo(5);
    assertThat(changed.producerId()).isEqualTo(ada);
    assertThat(changed.version()).isEqualTo(lamp.version() + 1);
    assertThat(shop.current(lamp)).isEqualTo(changed);
  }

  @Test
  void change_everyField() {
    Product changed =
        change(
            ada,
            new ProductChange(
                Optional.of("Floor lamp"), Optional.of(new BigDecimal("99.00")), Optional.of(0L)),
            Optional.empty());

    assertThat(changed)
        .isEqualTo(new Product(lamp.id(), ada, "Floor lamp", usd("99.00"), 0, lamp.version() + 1));
  }

  @Test
  void change_withNothingToChange_stillBumpsTheVersion() {
    assertThat(change(ada, ProductChange.none(), Optional.empty()).version())
        .isEqualTo(lamp.version() + 1);
  }

  @Test
  void change_byAnotherProducer_isForbidden_andChangesNothing() {
    assertThatThrownBy(() -> change(bob, price("0.10"), Optional.empty()))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("Product " + lamp.id() + " belongs to another producer");

    assertThat(shop.current(lamp)).isEqualTo(lamp);
  }

  @Test
  void change_namingAnotherProducerInTheBody_isForbidden() {
    assertThatThrownBy(
            () ->
                send(
                    new ChangeProductCommand(
                        ada, lamp.id(), Optional.of(bob), price("1.00"), Optional.empty())))
        .isInstanceOf(ForbiddenException.class);

    assertThat(shop.current(lamp)).isEqualTo(lamp);
  }

  @Test
  void change_namingTheOwnerInTheBody_isAccepted() {
    Product changed =
        send(
            new ChangeProductCommand(
                ada, lamp.id(), Optional.of(ada), price("1.00"), Optional.empty()));

    assertThat(changed.price()).isEqualTo(usd("1.00"));
  }

  @Test
  void change_ofAnUnknownProduct_isNotFound() {
    ChangeProductCommand unknown =
        new ChangeProductCommand(
            ada, ProductId.of(999), Optional.empty(), price("1.00"), Optional.empty());
    assertThatThrownBy(() -> send(unknown))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No product 999");
  }

  @Test
  void change_atTheExpectedVersion_applies() {
    Product changed = change(ada, price("21.00"), Optional.of(lamp.version()));

    assertThat(changed.price()).isEqualTo(usd("21.00"));
  }

  @Test
  void change_atAStaleExpectedVersion_failsThePrecondition_andChangesNothing() {
    Product renamed = change(ada, title("Lamp v2"), Optional.empty());

    assertThatThrownBy(() -> change(ada, price("1.00"), Optional.of(lamp.version())))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("has changed since the version you sent");

    assertThat(shop.current(lamp)).isEqualTo(renamed);
  }

  @Test
  void aSale_movesTheVersion_soAnOlderExpectedVersionIsStale() {
    shop.checkout(shop.aCart().with(lamp, 2).open());

    assertThat(shop.current(lamp).version()).isGreaterThan(lamp.version());
    assertThatThrownBy(() -> change(ada, price("1.00"), Optional.of(lamp.version())))
        .isInstanceOf(PreconditionFailedException.class);
    assertThat(shop.current(lamp).price()).isEqualTo(usd("19.99"));
  }

  @Test
  void change_withoutExpectedVersion_appliesToTheLatestProduct_notToAStaleCopy() {
    shop.checkout(shop.aCart().with(lamp, 2).open());

    Product changed = change(ada, price("25.00"), Optional.empty());

    assertThat(changed.inventoryCount()).isEqualTo(3);
    assertThat(changed.price()).isEqualTo(usd("25.00"));
  }

  @Test
  void change_withBrokenFields_isInvalid_beforeAnythingIsRead() {
    assertThatThrownBy(
            () ->
                new ProductChange(
                    Optional.of(""), Optional.of(new BigDecimal("0.01")), Optional.of(-1L)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.field())
                    .containsExactly("title", "price", "inventory_count"));
    assertThat(shop.current(lamp)).isEqualTo(lamp);
  }

  private Product change(ProducerId actor, ProductChange change, Optional<Long> expectedVersion) {
    return send(
        new ChangeProductCommand(actor, lamp.id(), Optional.empty(), change, expectedVersion));
  }

  private Product send(ChangeProductCommand command) {
    return store.changeProduct().change(command);
  }

  private static ProductChange price(String price) {
    return new ProductChange(
        Optional.empty(), Optional.of(new BigDecimal(price)), Optional.empty());
  }

  private static ProductChange title(String title) {
    return new ProductChange(Optional.of(title), Optional.empty(), Optional.empty());
  }
}

package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.barebones.store.domain.fixtures.Fixtures.decimal;
import static org.barebones.store.domain.fixtures.Fixtures.usd;
import static org.barebones.store.domain.support.Thrown.thrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.fixtures.Fixtures;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductQuery;
import org.barebones.store.domain.shared.ForbiddenException;
import org.barebones.store.domain.shared.InvalidInputException;
import org.barebones.store.domain.shared.PageRequest;
import org.barebones.store.domain.shared.UnauthenticatedException;
import org.barebones.store.domain.shared.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CreateProductTest {
  private final Scenario shop = Scenario.inMemory();
  private final Store store = shop.store();
  private final ProducerId ada = shop.aProducer().named("ada").register().producer().id();
  private final ProducerId bob = shop.aProducer().named("bob").register().producer().id();

  @Test
  void create_withoutProducerId_belongsToTheCaller() {
    Product lamp = create(ada, Optional.empty(), "Desk lamp", "19.99", 3L);

    assertThat(lamp.id().value()).isPositive();
    assertThat(lamp.producerId()).isEqualTo(ada);
    assertThat(lamp.title()).isEqualTo("Desk lamp");
    assertThat(lamp.price()).isEqualTo(usd("19.99"));
    assertThat(lamp.inventoryCount()).isEqualTo(3);
    assertThat(lamp.version()).isEqualTo(1);
    assertThat(store.getProduct().get(lamp.id())).isEqualTo(lamp);
  }

  @Test
  void create_namingTheCallerAsProducer_isAccepted() {
    Product lamp = create(ada, Optional.of(ada), "Desk lamp", "19.99", 3L);

    assertThat(lamp.producerId()).isEqualTo(ada);
  }

  @Test
  void create_namingAnotherProducer_isForbidden_andCreatesNothing() {
    assertThatThrownBy(() -> create(ada, Optional.of(bob), "Desk lamp", "19.99", 3L))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("A producer may act only as itself");

    assertThat(store.listProducts().list(allProducts()).items()).isEmpty();
  }

  @Test
  void create_byAProducerTheStoreDoesNotKnow_isUnauthenticated() {
    assertThatThrownBy(() -> create(ProducerId.of(999), Optional.empty(), "Lamp", "1.00", 1L))
        .isInstanceOf(UnauthenticatedException.class);
    assertThat(store.listProducts().list(allProducts()).items()).isEmpty();
  }

  @Test
  void create_pricesInTheStoresCurrency() {
    Currency eur = Currency.getInstance("EUR");
    Store euroStore =
        Fixtures.testStoreBuilder(shop.clock()).currency(eur).inMemoryPersistence().build();
    Scenario euros = Scenario.over(euroStore, shop.clock());

    Product lamp = euros.aProduct().withPrice("19.99").create();

    assertThat(lamp.price().currency()).isEqualTo(eur);
  }

  @Test
  void create_keepsExactlyTwoDecimals() {
    assertThat(create(ada, Optional.empty(), "Lamp", "19.990", 1L).price()).isEqualTo(usd("19.99"));
    assertThat(create(ada, Optional.empty(), "Lamp", "7", 1L).price().amount())
        .isEqualTo(decimal("7.00"));
  }

  @Test
  void create_atTheLimits_isAccepted() {
    Product cheapest = create(ada, Optional.empty(), "t".repeat(255), "0.10", 0L);
    Product dearest = create(ada, Optional.empty(), "x", "1000000.00", 2_147_483_647L);

    assertThat(cheapest.price()).isEqualTo(usd("0.10"));
    assertThat(cheapest.inventoryCount()).isZero();
    assertThat(dearest.price()).isEqualTo(usd("1000000.00"));
    assertThat(dearest.inventoryCount()).isEqualTo(Integer.MAX_VALUE);
  }

  static Stream<Arguments> brokenProducts() {
    return Stream.of(
        arguments(
            "every field broken",
            "   ",
            "0.099",
            -1L,
            List.of(
                new Violation("title", "must not be blank"),
                new Violation("price", "must be at least 0.10"),
                new Violation("price", "must have at most 2 decimals"),
                new Violation("inventory_count", "must be between 0 and 2147483647"))),
        arguments(
            "every field missing",
            null,
            null,
            null,
            List.of(
                new Violation("title", "is required"),
                new Violation("price", "is required"),
                new Violation("inventory_count", "is required"))),
        arguments(
            "over the limits",
            "t".repeat(256),
            "1000000.01",
            2_147_483_648L,
            List.of(
                new Violation("title", "must be at most 255 characters"),
                new Violation("price", "must be at most 1000000.00"),
                new Violation("inventory_count", "must be between 0 and 2147483647"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenProducts")
  void create_withBrokenFields_listsEveryViolation(
      String what, String title, String price, Long stock, List<Violation> violations) {
    InvalidInputException e =
        thrownBy(
            InvalidInputException.class, () -> create(ada, Optional.empty(), title, price, stock));

    assertThat(e.violations()).containsExactlyElementsOf(violations);
  }

  private Product create(
      ProducerId actor, Optional<ProducerId> named, String title, String price, Long stock) {
    return store
        .createProduct()
        .create(
            new CreateProductCommand(
                actor, named, title, price == null ? null : new BigDecimal(price), stock));
  }

  private static ProductQuery allProducts() {
    return new ProductQuery(0, Optional.empty(), PageRequest.first());
  }
}

package org.barebones.store.http.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import java.util.Currency;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.password.Pbkdf2PasswordHasher;
import org.barebones.store.http.support.Api;
import org.barebones.store.http.support.InMemoryApi;
import org.barebones.store.http.support.MutableClock;
import org.barebones.store.http.support.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store's currency is a setting; carts and orders name it. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CurrencyTest {
  private static final MutableClock CLOCK = new MutableClock(TestStores.START);
  private static final ResourceExtension RESOURCES =
      TestStores.resources(
          Store.builder()
              .clock(CLOCK)
              .currency(Currency.getInstance("EUR"))
              .inMemoryPersistence()
              .passwordHasher(new Pbkdf2PasswordHasher(1_000))
              .tokens(TestStores.tokens(CLOCK))
              .build());

  private final Api api = new InMemoryApi(RESOURCES);

  @Test
  void cartsAndOrders_nameTheStoresCurrency() {
    Api.Session producer = api.registerProducer();
    long product = api.createProduct(producer.token(), "Croissant", "1.20", 10);
    Api.Session cart = api.createCart();

    JsonNode view = api.setLine(cart, product, 2);
    JsonNode order = api.checkout(cart).json().path("order");

    assertThat(view.path("currency").asText()).isEqualTo("EUR");
    assertThat(order.path("currency").asText()).isEqualTo("EUR");
    assertThat(order.path("total").toString()).isEqualTo("2.40");
  }
}

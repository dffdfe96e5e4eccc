package org.barebones.store.http.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Currency;
import org.barebones.store.http.support.Api;
import org.barebones.store.http.support.InMemoryStore;
import org.barebones.store.http.support.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store's currency is a setting; carts and orders name it. */
class CurrencyTest {

  @RegisterExtension
  static final InMemoryStore STORE =
      InMemoryStore.of(
          clock -> TestStores.builder(clock).currency(Currency.getInstance("EUR")).build());

  private final Api api = STORE.api();

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

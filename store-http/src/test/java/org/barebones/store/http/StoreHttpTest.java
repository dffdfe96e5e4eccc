package org.barebones.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.dropwizard.jackson.Jackson;
import java.math.BigDecimal;
import org.barebones.store.http.api.CheckoutRequest;
import org.barebones.store.http.api.CreateProductRequest;
import org.barebones.store.http.api.LogInRequest;
import org.barebones.store.http.api.RegisterProducerRequest;
import org.barebones.store.http.resource.ProductResource;
import org.barebones.store.http.support.MutableClock;
import org.barebones.store.http.support.TestStores;
import org.junit.jupiter.api.Test;

class StoreHttpTest {
  private final ObjectMapper mapper = StoreHttp.configure(Jackson.newObjectMapper());

  @Test
  void configure_readsDecimalsExactly() throws Exception {
    CheckoutRequest request =
        mapper.readValue("{\"expected_total\": 0.30000000000000004}", CheckoutRequest.class);

    assertThat(request.expectedTotal()).isEqualTo(new BigDecimal("0.30000000000000004"));
  }

  @Test
  void configure_refusesCoercionsAndIgnoresUnknownFields() throws Exception {
    assertThatThrownBy(
            () -> mapper.readValue("{\"inventory_count\": 1.5}", CreateProductRequest.class))
        .isInstanceOf(MismatchedInputException.class);
    assertThatThrownBy(
            () -> mapper.readValue("{\"inventory_count\": \"1\"}", CreateProductRequest.class))
        .isInstanceOf(MismatchedInputException.class);
    assertThatThrownBy(() -> mapper.readValue("{\"title\": 1}", CreateProductRequest.class))
        .isInstanceOf(MismatchedInputException.class);
    assertThatThrownBy(() -> mapper.readValue("{\"price\": \"1.00\"}", CreateProductRequest.class))
        .isInstanceOf(MismatchedInputException.class);

    CreateProductRequest request =
        mapper.readValue("{\"title\": \"x\", \"whatever\": [1]}", CreateProductRequest.class);
    assertThat(request.title()).isEqualTo("x");
  }

  @Test
  void components_holdEveryResourceAndTheAuthFilter() {
    MutableClock clock = new MutableClock(TestStores.START);

    assertThat(StoreHttp.components(TestStores.store(clock), HttpSettings.defaults()))
        .anySatisfy(c -> assertThat(c).isInstanceOf(ProductResource.class))
        .anySatisfy(c -> assertThat(c).isInstanceOf(io.dropwizard.auth.AuthDynamicFeature.class))
        .doesNotHaveDuplicates();
  }

  @Test
  void settings_defaultTo64KiBAndRefuseNonsense() {
    assertThat(HttpSettings.defaults().maxRequestBodyBytes()).isEqualTo(65_536);
    assertThatThrownBy(() -> new HttpSettings(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpSettings(Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestsWithPasswords_doNotPrintThem() {
    assertThat(new RegisterProducerRequest("ann", "hunter22").toString())
        .doesNotContain("hunter22");
    assertThat(new LogInRequest("ann", "hunter22").toString()).doesNotContain("hunter22");
  }
}

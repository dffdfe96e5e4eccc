package org.barebones.store.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.order.Order;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderLine;
import org.barebones.store.domain.order.OrderPart;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.http.StoreHttp;
import org.junit.jupiter.api.Test;

/** The buyer's Order as JSON, including a line recorded before orders remembered producers. */
class OrderResponseTest {
  private static final ObjectMapper JSON = StoreHttp.configure(Jackson.newObjectMapper());
  private static final Currency USD = Currency.getInstance("USD");
  private static final Instant PLACED = Instant.parse("2026-11-30T10:00:00Z");
  private static final Instant SHIPPED = Instant.parse("2026-12-01T09:30:00.123456Z");

  @Test
  void aLineWhoseProducerIsUnknown_hasANullProducer_staysPending_andTheOrderFollowsTheOtherParts()
      throws Exception {
    ProducerId ada = ProducerId.of(7);
    Order order =
        order(
            3,
            5,
            "21.99",
            List.of(
                new OrderLine(ProductId.of(1), ada, "Lamp", Money.of("19.99", USD), 1),
                new OrderLine(ProductId.of(2), Optional.empty(), "Gone", Money.of("2.00", USD), 1)),
            List.of(new OrderPart(ada, Optional.of(SHIPPED), Optional.of("DHL 1"))));

    JsonNode json = json(OrderResponse.from(order));

    assertThat(json.path("status").asText()).isEqualTo("shipped");
    JsonNode lamp = json.path("lines").get(0);
    assertThat(lamp.path("producer_id").asLong()).isEqualTo(7);
    assertThat(lamp.path("status").asText()).isEqualTo("shipped");
    assertThat(lamp.path("tracking").asText()).isEqualTo("DHL 1");
    JsonNode gone = json.path("lines").get(1);
    assertThat(gone.has("producer_id")).isTrue();
    assertThat(gone.path("producer_id").isNull()).isTrue();
    assertThat(gone.path("status").asText()).isEqualTo("pending");
    assertThat(gone.path("tracking").isNull()).isTrue();
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "id", "shopping_cart_id", "currency", "total", "created_at", "status", "lines");
  }

  @Test
  void anOrderWithNoKnownProducer_staysPlaced() throws Exception {
    Order order =
        order(
            4,
            6,
            "2.00",
            List.of(
                new OrderLine(ProductId.of(2), Optional.empty(), "Gone", Money.of("2.00", USD), 1)),
            List.of());

    JsonNode json = json(OrderResponse.from(order));

    assertThat(json.path("status").asText()).isEqualTo("placed");
    assertThat(json.path("lines").get(0).path("status").asText()).isEqualTo("pending");
  }

  @Test
  void aProducerOrder_showsItsShipment() throws Exception {
    ProducerId ada = ProducerId.of(7);
    Order order =
        order(
            3,
            5,
            "19.99",
            List.of(new OrderLine(ProductId.of(1), ada, "Lamp", Money.of("19.99", USD), 1)),
            List.of(new OrderPart(ada, Optional.of(SHIPPED), Optional.empty())));

    JsonNode json = json(ProducerOrderResponse.from(order.viewFor(ada).orElseThrow()));

    assertThat(json.path("status").asText()).isEqualTo("shipped");
    assertThat(json.path("shipped_at").asText()).isEqualTo("2026-12-01T09:30:00.123456Z");
    assertThat(json.path("tracking").isNull()).isTrue();
    assertThat(json.path("total").toString()).isEqualTo("19.99");
  }

  /** An order placed at {@link #PLACED}. */
  private static Order order(
      long id, long cart, String total, List<OrderLine> lines, List<OrderPart> parts) {
    return new Order(OrderId.of(id), CartId.of(cart), Money.of(total, USD), PLACED, lines, parts);
  }

  /** {@code response} as a client reads it. */
  private static JsonNode json(Object response) throws Exception {
    return JSON.readTree(JSON.writeValueAsString(response));
  }
}

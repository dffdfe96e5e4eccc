package org.barebones.store.http.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.barebones.store.domain.event.EventId;
import org.barebones.store.domain.event.OrderCanceled;
import org.barebones.store.domain.event.OrderShipped;
import org.barebones.store.domain.event.ProductBackInStock;
import org.barebones.store.domain.event.ProductOutOfStock;
import org.barebones.store.domain.event.StoreEvent;
import org.barebones.store.domain.order.CanceledBy;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.order.OrderStatus;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.shared.Money;
import org.barebones.store.http.StoreHttp;
import org.barebones.store.http.api.EventResponse;
import org.junit.jupiter.api.Test;

/** The JSON of each kind of event, as API.md spells it. */
class EventResponseTest {
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00.5Z");
  private final ObjectMapper json = StoreHttp.configure(Jackson.newObjectMapper());

  private JsonNode render(StoreEvent event) throws Exception {
    return json.readTree(json.writeValueAsBytes(EventResponse.from(event)));
  }

  @Test
  void orderShipped_carriesTheShipmentFields() throws Exception {
    StoreEvent event =
        new StoreEvent(
            new EventId("evt_1"),
            AT,
            new OrderShipped(
                OrderId.of(7),
                ProducerId.of(3),
                Optional.of("TRACK-1"),
                Instant.parse("2026-12-01T09:59:00Z"),
                OrderStatus.PARTIALLY_SHIPPED));

    JsonNode body = render(event);

    assertThat(body.fieldNames()).toIterable().containsExactly("id", "type", "created_at", "data");
    assertThat(body.get("type").asText()).isEqualTo("order.shipped");
    assertThat(body.get("created_at").asText()).isEqualTo("2026-12-01T10:00:00.500Z");
    JsonNode data = body.get("data");
    assertThat(data.fieldNames())
        .toIterable()
        .containsExactly("order_id", "producer_id", "tracking", "shipped_at", "order_status");
    assertThat(data.get("order_id").asLong()).isEqualTo(7);
    assertThat(data.get("producer_id").asLong()).isEqualTo(3);
    assertThat(data.get("tracking").asText()).isEqualTo("TRACK-1");
    assertThat(data.get("shipped_at").asText()).isEqualTo("2026-12-01T09:59:00Z");
    assertThat(data.get("order_status").asText()).isEqualTo("partially_shipped");
  }

  @Test
  void orderShipped_withoutTracking_hasANullTracking() throws Exception {
    JsonNode data =
        render(
                new StoreEvent(
                    new EventId("evt_2"),
                    AT,
                    new OrderShipped(
                        OrderId.of(7),
                        ProducerId.of(3),
                        Optional.empty(),
                        AT,
                        OrderStatus.SHIPPED)))
            .get("data");

    assertThat(data.has("tracking")).isTrue();
    assertThat(data.get("tracking").isNull()).isTrue();
    assertThat(data.get("order_status").asText()).isEqualTo("shipped");
  }

  @Test
  void productOutOfStock_carriesTheProduct() throws Exception {
    JsonNode body =
        render(new StoreEvent(new EventId("evt_3"), AT, new ProductOutOfStock(deskLamp(0, 4))));

    assertThat(body.get("type").asText()).isEqualTo("product.out_of_stock");
    JsonNode data = body.get("data");
    assertThat(data.fieldNames())
        .toIterable()
        .containsExactly("id", "producer_id", "title", "price", "inventory_count");
    assertThat(data.get("price").decimalValue()).isEqualByComparingTo(new BigDecimal("19.99"));
    assertThat(data.get("inventory_count").asInt()).isZero();
  }

  @Test
  void orderCanceled_carriesWhoWhyWhenTheStatusAndTheLines() throws Exception {
    StoreEvent event =
        new StoreEvent(
            new EventId("evt_4"),
            AT,
            new OrderCanceled(
                OrderId.of(7),
                ProducerId.of(3),
                CanceledBy.BUYER,
                Optional.empty(),
                Instant.parse("2026-12-01T09:59:00Z"),
                OrderStatus.CANCELED,
                List.of(
                    new OrderCanceled.Line(ProductId.of(5), 2),
                    new OrderCanceled.Line(ProductId.of(9), 1))));

    JsonNode body = render(event);

    assertThat(body.get("type").asText()).isEqualTo("order.canceled");
    JsonNode data = body.get("data");
    assertThat(data.fieldNames())
        .toIterable()
        .containsExactly(
            "order_id",
            "producer_id",
            "canceled_by",
            "reason",
            "canceled_at",
            "order_status",
            "lines");
    assertThat(data.get("canceled_by").asText()).isEqualTo("buyer");
    assertThat(data.get("reason").isNull()).isTrue();
    assertThat(data.get("canceled_at").asText()).isEqualTo("2026-12-01T09:59:00Z");
    assertThat(data.get("order_status").asText()).isEqualTo("canceled");
    assertThat(data.get("lines").toString())
        .isEqualTo("[{\"product_id\":5,\"quantity\":2},{\"product_id\":9,\"quantity\":1}]");
  }

  @Test
  void productBackInStock_carriesTheProduct() throws Exception {
    JsonNode body =
        render(new StoreEvent(new EventId("evt_5"), AT, new ProductBackInStock(deskLamp(3, 5))));

    assertThat(body.get("type").asText()).isEqualTo("product.back_in_stock");
    assertThat(body.get("data").get("inventory_count").asInt()).isEqualTo(3);
    assertThat(body.get("data").get("id").asLong()).isEqualTo(5);
  }

  /** Product 5 of producer 3, a desk lamp at 19.99 USD. */
  private static Product deskLamp(int stock, long version) {
    return new Product(
        ProductId.of(5),
        ProducerId.of(3),
        "Desk lamp",
        Money.of("19.99", Currency.getInstance("USD")),
        stock,
        version);
  }
}

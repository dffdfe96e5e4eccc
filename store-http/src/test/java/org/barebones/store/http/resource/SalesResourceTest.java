package org.barebones.store.http.resource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.barebones.store.http.support.Api;
import org.barebones.store.http.support.InMemoryStore;
import org.barebones.store.http.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/producer/{id}/orders} and {@code POST /api/orders/{id}/shipment}: each producer
 * sees and ships its own part of an order, and every error is a problem that changes nothing.
 */
class SalesResourceTest {

  @RegisterExtension static final InMemoryStore STORE = InMemoryStore.standard();

  private final Api api = STORE.api();
  private Api.Session ada;
  private Api.Session bob;
  private long lamp;
  private long vase;
  private long pen;
  private Api.Session cart;
  private long order;

  @BeforeEach
  void twoProducersSellInOneOrder() {
    ada = api.registerProducer();
    bob = api.registerProducer();
    lamp = api.createProduct(ada.token(), "Desk lamp", "19.99", 5);
    vase = api.createProduct(ada.token(), "Vase", "3.00", 5);
    pen = api.createProduct(bob.token(), "Pen", "0.50", 5);
    cart = api.cartWith(lamp, 2, vase, 1, pen, 4);
    order = api.placeOrder(cart);
  }

  private Reply orders(Api.Session producer, String query) {
    return api.get("/api/producer/" + producer.id() + "/orders" + query, producer.token());
  }

  private Reply ship(Api.Session producer, long id, String json) {
    return api.post("/api/orders/" + id + "/shipment", producer.token(), json);
  }

  private JsonNode buyersOrder() {
    Reply reply = api.get("/api/orders/" + order, cart.token());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  /** What every error must leave as it was: both producers' views and the buyer's. */
  private List<String> snapshot() {
    return List.of(orders(ada, "").body(), orders(bob, "").body(), buyersOrder().toString());
  }

  @Test
  void twoProducers_eachSeeOnlyTheirOwnLines_shipTheirPart_andTheBuyersOrderFollows() {
    JsonNode placed = buyersOrder();
    assertThat(placed.path("status").asText()).isEqualTo("placed");
    assertThat(placed.path("total").toString()).isEqualTo("44.98");
    assertThat(placed.path("lines").findValuesAsText("status")).containsOnly("pending");
    assertThat(placed.path("lines").get(0).path("producer_id").asLong()).isEqualTo(ada.id());
    assertThat(placed.path("lines").get(2).path("producer_id").asLong()).isEqualTo(bob.id());
    assertThat(placed.path("lines").get(0).path("tracking").isNull()).isTrue();

    Reply adas = orders(ada, "");
    assertThat(adas.status()).isEqualTo(200);
    assertThat(adas.header("Link")).isNull();
    JsonNode adaOrder = adas.json().get(0);
    assertThat(adas.json()).hasSize(1);
    assertThat(adaOrder.path("id").asLong()).isEqualTo(order);
    assertThat(adaOrder.path("created_at").asText()).isEqualTo(placed.path("created_at").asText());
    assertThat(adaOrder.path("currency").asText()).isEqualTo("USD");
    assertThat(adaOrder.path("status").asText()).isEqualTo("pending");
    assertThat(adaOrder.path("shipped_at").isNull()).isTrue();
    assertThat(adaOrder.path("tracking").isNull()).isTrue();
    assertThat(adaOrder.path("total").toString()).isEqualTo("42.98");
    assertThat(adaOrder.path("lines").findValuesAsText("product_id"))
        .containsExactly(Long.toString(lamp), Long.toString(vase));
    JsonNode lampLine = adaOrder.path("lines").get(0);
    assertThat(lampLine.path("title").asText()).isEqualTo("Desk lamp");
    assertThat(lampLine.path("unit_price").toString()).isEqualTo("19.99");
    assertThat(lampLine.path("quantity").asInt()).isEqualTo(2);
    assertThat(lampLine.path("line_total").toString()).isEqualTo("39.98");
    assertThat(adaOrder.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "id",
            "created_at",
            "currency",
            "status",
            "shipped_at",
            "tracking",
            "canceled_at",
            "total",
            "lines");
    JsonNode bobOrder = orders(bob, "").json().get(0);
    assertThat(bobOrder.path("total").toString()).isEqualTo("2.00");
    assertThat(bobOrder.path("lines")).hasSize(1);
    assertThat(bobOrder.toString()).doesNotContain("Desk lamp", "19.99", "44.98");

    STORE.clock().advance(Duration.ofHours(2));
    Reply shipped = ship(ada, order, "{\"tracking\": \"DHL 0034\"}");
    assertThat(shipped.status()).as(shipped.toString()).isEqualTo(200);
    JsonNode adaShipped = shipped.json();
    assertThat(adaShipped.path("status").asText()).isEqualTo("shipped");
    assertThat(adaShipped.path("shipped_at").asText())
        .isEqualTo(STORE.clock().instant().toString());
    assertThat(adaShipped.path("tracking").asText()).isEqualTo("DHL 0034");
    assertThat(adaShipped.path("total").toString()).isEqualTo("42.98");
    assertThat(adaShipped.path("lines")).isEqualTo(adaOrder.path("lines"));

    JsonNode partly = buyersOrder();
    assertThat(partly.path("status").asText()).isEqualTo("partially_shipped");
    assertThat(partly.path("lines").findValuesAsText("status"))
        .containsExactly("shipped", "shipped", "pending");
    assertThat(partly.path("lines").get(1).path("tracking").asText()).isEqualTo("DHL 0034");
    assertThat(partly.path("lines").get(2).path("tracking").isNull()).isTrue();
    assertThat(orders(ada, "?status=shipped").json()).hasSize(1);
    assertThat(orders(ada, "?status=pending").json()).isEmpty();
    assertThat(orders(bob, "?status=pending").json()).hasSize(1);

    Reply bobShips = api.post("/api/orders/" + order + "/shipment", bob.token(), null);
    assertThat(bobShips.status()).as(bobShips.toString()).isEqualTo(200);
    assertThat(bobShips.json().path("tracking").isNull()).isTrue();
    assertThat(buyersOrder().path("status").asText()).isEqualTo("shipped");
  }

  @Test
  void shippingAgain_answersThePartAsItIs_keepingTheFirstTracking() {
    JsonNode first = ship(ada, order, "{\"tracking\": \"first\"}").json();
    STORE.clock().advance(Duration.ofMinutes(10));

    Reply again = ship(ada, order, "{\"tracking\": \"second\"}");

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(first);
    assertThat(ship(ada, order, "{\"tracking\": \"   \"}").json()).isEqualTo(first);
  }

  @Test
  void blankTracking_meansNone() {
    Reply reply = ship(ada, order, "{\"tracking\": \"  \", \"colour\": \"red\"}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().path("tracking").isNull()).isTrue();
    assertThat(reply.json().path("status").asText()).isEqualTo("shipped");
  }

  @Test
  void listing_pagesByOrderId_withALinkThatKeepsTheStatusFilter() {
    long second = anotherOrderOf(lamp);
    long third = anotherOrderOf(lamp);

    Reply page1 = orders(ada, "?status=pending&limit=2");
    assertThat(page1.status()).isEqualTo(200);
    assertThat(page1.json().findValuesAsText("id"))
        .containsExactly(Long.toString(order), Long.toString(second));
    String link = page1.header("Link");
    assertThat(link).contains("status=pending").contains("after=" + second).contains("limit=2");
    Reply page2 =
        api.get(link.substring(link.indexOf("/api/producer"), link.indexOf('>')), ada.token());
    assertThat(page2.json().findValuesAsText("id")).containsExactly(Long.toString(third));
    assertThat(page2.header("Link")).isNull();
    assertThat(orders(bob, "").json()).hasSize(1);
  }

  private long anotherOrderOf(long product) {
    Api.Session another = api.createCart();
    api.setLine(another, product, 1);
    return api.checkout(another).json().path("order").path("id").asLong();
  }

  @Test
  void listing_withoutAProducersOwnToken_isRefused() {
    String path = "/api/producer/" + ada.id() + "/orders";

    Reply none = api.get(path);
    none.assertProblem(401, "unauthenticated");
    assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
    api.get(path, cart.token()).assertProblem(401, "unauthenticated");
    api.get(path, "not-a-token").assertProblem(401, "unauthenticated");
    api.get(path, bob.token()).assertProblem(403, "forbidden");
    api.get("/api/producer/987654321/orders", ada.token()).assertProblem(403, "forbidden");
  }

  @Test
  void listing_withBadParameters_is400_andABadPathId404() {
    for (String query :
        List.of(
            "?status=sent",
            "?status=",
            "?status=PENDING",
            "?limit=0",
            "?limit=1001",
            "?limit=x",
            "?after=-1",
            "?after=x")) {
      orders(ada, query).assertProblem(400, "invalid-parameter");
    }
    for (String id : List.of("x", "0", "-1", "99999999999999999999")) {
      api.get("/api/producer/" + id + "/orders", ada.token()).assertProblem(404, "not-found");
    }
  }

  @Test
  void shipping_withoutAProducerToken_is401_andChangesNothing() {
    List<String> before = snapshot();

    Reply none = api.post("/api/orders/" + order + "/shipment", null, null);
    none.assertProblem(401, "unauthenticated");
    assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
    api.post("/api/orders/" + order + "/shipment", cart.token(), null)
        .assertProblem(401, "unauthenticated");
    api.post("/api/orders/" + order + "/shipment", "x.y.z", "{}")
        .assertProblem(401, "unauthenticated");

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void shipping_anOrderWithNoPartOfThisProducer_orNoOrder_is404_andChangesNothing() {
    Api.Session stranger = api.registerProducer();
    List<String> before = snapshot();

    JsonNode notTheirs = ship(stranger, order, null).assertProblem(404, "not-found");
    JsonNode missing = ship(stranger, 987_654_321L, null).assertProblem(404, "not-found");
    ship(ada, 987_654_321L, "{\"tracking\": \"T\"}").assertProblem(404, "not-found");
    for (String id : List.of("x", "0", "-5")) {
      api.post("/api/orders/" + id + "/shipment", ada.token(), null)
          .assertProblem(404, "not-found");
    }

    assertThat(notTheirs.path("detail").asText())
        .isEqualTo("No order " + order + " holds a line of this producer");
    assertThat(missing.path("detail").asText()).startsWith("No order 987654321 holds");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void shipping_withABadBody_is400Or422_andChangesNothing() {
    List<String> before = snapshot();

    JsonNode tooLong =
        ship(ada, order, "{\"tracking\": \"" + "x".repeat(256) + "\"}")
            .assertProblem(422, "validation");
    assertThat(tooLong.path("errors").findValuesAsText("field")).containsExactly("tracking");
    ship(ada, order, "{\"tracking\": \"a\\u0000b\"}").assertProblem(422, "validation");
    ship(ada, order, "{\"tracking\": 12}").assertProblem(400, "malformed-request");
    ship(ada, order, "{\"tracking\": [\"a\"]}").assertProblem(400, "malformed-request");
    ship(ada, order, "{\"tracking\": ").assertProblem(400, "malformed-request");
    ship(ada, order, "[]").assertProblem(400, "malformed-request");
    ship(ada, order, "\"DHL\"").assertProblem(400, "malformed-request");

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void shipping_withABodyOverTheLimit_is413_andChangesNothing() {
    List<String> before = snapshot();
    byte[] big = ("{\"tracking\": \"" + "y".repeat(70_000) + "\"}").getBytes(UTF_8);

    api.send("POST", "/api/orders/" + order + "/shipment", Api.auth(ada.token()), big, Api.JSON)
        .assertProblem(413, "body-too-large");

    assertThat(snapshot()).isEqualTo(before);
  }
}

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
 * {@code POST /api/orders/{id}/cancellation}: the buyer cancels every pending part and gets the
 * Order, a producer its own part and gets the ProducerOrder; the stock comes back; every error is a
 * problem that changes nothing.
 */
class CancellationResourceTest {

  @RegisterExtension static final InMemoryStore STORE = InMemoryStore.standard();

  private final Api api = STORE.api();
  private final Api.Session ada = api.registerProducer();
  private final Api.Session bob = api.registerProducer();
  private long lamp;
  private long pen;
  private Api.Session cart;
  private long order;

  @BeforeEach
  void twoProducersSellInOneOrder() {
    lamp = api.createProduct(ada.token(), "Desk lamp", "19.99", 2);
    pen = api.createProduct(bob.token(), "Pen", "0.50", 10);
    cart = api.cartWith(lamp, 2, pen, 4);
    order = api.placeOrder(cart);
  }

  private Reply cancel(String token, long id, String json) {
    return api.post("/api/orders/" + id + "/cancellation", token, json);
  }

  private int stockOf(long product) {
    return api.get("/api/products/" + product).json().path("inventory_count").asInt();
  }

  private List<String> snapshot() {
    return List.of(
        api.get("/api/orders/" + order, cart.token()).body(),
        api.get("/api/producer/" + ada.id() + "/orders", ada.token()).body(),
        Integer.toString(stockOf(lamp)),
        Integer.toString(stockOf(pen)));
  }

  @Test
  void aProducerCancelsItsPart_getsItsProducerOrder_andOnlyItsStockComesBack() {
    STORE.clock().advance(Duration.ofHours(1));
    Reply reply = cancel(ada.token(), order, "{\"reason\": \"Out of lamps\"}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode part = reply.json();
    assertThat(part.path("id").asLong()).isEqualTo(order);
    assertThat(part.path("status").asText()).isEqualTo("canceled");
    assertThat(part.path("canceled_at").asText()).isEqualTo(STORE.clock().instant().toString());
    assertThat(part.path("shipped_at").isNull()).isTrue();
    assertThat(part.path("lines").findValuesAsText("product_id"))
        .containsExactly(Long.toString(lamp));
    assertThat(stockOf(lamp)).isEqualTo(2);
    assertThat(stockOf(pen)).isEqualTo(6);
    JsonNode buyers = api.get("/api/orders/" + order, cart.token()).json();
    assertThat(buyers.path("status").asText()).isEqualTo("placed");
    assertThat(buyers.path("lines").findValuesAsText("status"))
        .containsExactly("canceled", "pending");
    assertThat(buyers.path("lines").get(0).path("canceled_at").asText())
        .isEqualTo(STORE.clock().instant().toString());
    assertThat(buyers.path("lines").get(1).path("canceled_at").isNull()).isTrue();

    Reply canceledList =
        api.get("/api/producer/" + ada.id() + "/orders?status=canceled", ada.token());
    assertThat(canceledList.json()).hasSize(1);
    assertThat(canceledList.json().get(0).path("id").asLong()).isEqualTo(order);
    assertThat(api.get("/api/producer/" + ada.id() + "/orders?status=pending", ada.token()).json())
        .isEmpty();

    List<String> before = snapshot();
    Reply again = cancel(ada.token(), order, "{\"reason\": \"again\"}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).as("a repeat answers the part as it is").isEqualTo(part);
    api.post("/api/orders/" + order + "/shipment", ada.token(), null)
        .assertProblem(409, "order-canceled");
    assertThat(snapshot()).isEqualTo(before);

    Reply bobShips = api.post("/api/orders/" + order + "/shipment", bob.token(), null);
    assertThat(bobShips.status()).isEqualTo(200);
    assertThat(api.get("/api/orders/" + order, cart.token()).json().path("status").asText())
        .isEqualTo("shipped");
  }

  @Test
  void theBuyerCancels_getsTheOrder_everyUnitComesBack_thenAShippedPartIsAConflict() {
    Reply reply = cancel(cart.token(), order, null);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode buyers = reply.json();
    assertThat(buyers.path("id").asLong()).isEqualTo(order);
    assertThat(buyers.path("status").asText()).isEqualTo("canceled");
    assertThat(buyers.path("lines").findValuesAsText("status")).containsOnly("canceled");
    assertThat(stockOf(lamp)).isEqualTo(2);
    assertThat(stockOf(pen)).isEqualTo(10);
    assertThat(cancel(cart.token(), order, "{}").json()).isEqualTo(buyers);

    Api.Session other = api.createCart();
    api.setLine(other, pen, 1);
    long second = api.checkout(other).json().path("order").path("id").asLong();
    api.post("/api/orders/" + second + "/shipment", bob.token(), null);
    int penLeft = stockOf(pen);
    JsonNode problem = cancel(other.token(), second, null).assertProblem(409, "already-shipped");
    assertThat(problem.path("title").asText()).isEqualTo("Already shipped");
    cancel(bob.token(), second, null).assertProblem(409, "already-shipped");
    assertThat(stockOf(pen)).isEqualTo(penLeft);
  }

  @Test
  void cancelling_withoutAValidToken_orSomeoneElsesOrder_isRefused_andChangesNothing() {
    Api.Session stranger = api.registerProducer();
    Api.Session otherCart = api.createCart();
    List<String> before = snapshot();

    Reply none = cancel(null, order, null);
    none.assertProblem(401, "unauthenticated");
    assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
    cancel("x.y.z", order, null).assertProblem(401, "unauthenticated");
    cancel(otherCart.token(), order, null).assertProblem(403, "forbidden");
    cancel(cart.token(), 987_654_321L, null).assertProblem(404, "not-found");
    JsonNode notTheirs = cancel(stranger.token(), order, null).assertProblem(404, "not-found");
    assertThat(notTheirs.path("detail").asText())
        .isEqualTo("No order " + order + " holds a line of this producer");
    cancel(stranger.token(), 987_654_321L, null).assertProblem(404, "not-found");
    for (String id : List.of("x", "0", "-5", "99999999999999999999")) {
      api.post("/api/orders/" + id + "/cancellation", ada.token(), null)
          .assertProblem(404, "not-found");
    }

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void cancelling_withABadBody_is400Or413Or422_andChangesNothing() {
    List<String> before = snapshot();

    JsonNode tooLong =
        cancel(ada.token(), order, "{\"reason\": \"" + "x".repeat(256) + "\"}")
            .assertProblem(422, "validation");
    assertThat(tooLong.path("errors").findValuesAsText("field")).containsExactly("reason");
    cancel(cart.token(), order, "{\"reason\": \"a\\u0000b\"}").assertProblem(422, "validation");
    cancel(ada.token(), order, "{\"reason\": 12}").assertProblem(400, "malformed-request");
    cancel(ada.token(), order, "{\"reason\": ").assertProblem(400, "malformed-request");
    cancel(cart.token(), order, "[]").assertProblem(400, "malformed-request");
    byte[] big = ("{\"reason\": \"" + "y".repeat(70_000) + "\"}").getBytes(UTF_8);
    api.send("POST", "/api/orders/" + order + "/cancellation", Api.auth(ada.token()), big, Api.JSON)
        .assertProblem(413, "body-too-large");

    assertThat(snapshot()).isEqualTo(before);
    Reply exactly255 = cancel(ada.token(), order, "{\"reason\": \"" + "é".repeat(255) + "\"}");
    assertThat(exactly255.status()).as(exactly255.toString()).isEqualTo(200);
  }
}

package org.barebones.store.http.problem;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.barebones.store.http.support.Api;
import org.barebones.store.http.support.InMemoryStore;
import org.barebones.store.http.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile and broken request bodies on every endpoint that reads one: each is a 4xx problem (never
 * a 500), and the store is the same afterwards.
 */
class BadInputTest {

  @RegisterExtension static final InMemoryStore STORE = InMemoryStore.standard();

  private final Api api = STORE.api();
  private Api.Session producer;
  private long product;
  private Api.Session cart;

  /** A request that carries a body: where it goes and with which token. */
  private record Target(String method, String path, String token) {}

  @BeforeEach
  void setUp() {
    producer = api.registerProducer();
    product = api.createProduct(producer.token(), "Vase", "12.00", 4);
    cart = api.createCart();
    api.setLine(cart, product, 1);
  }

  private List<Target> requiredBodyTargets() {
    return List.of(
        new Target("POST", "/api/producer", null),
        new Target("POST", "/api/producer/login", null),
        new Target("POST", "/api/products", producer.token()),
        new Target("PUT", "/api/products/" + product, producer.token()),
        new Target("PUT", "/api/shopping_cart/" + cart.id(), cart.token()));
  }

  private List<Target> optionalBodyTargets() {
    return List.of(
        new Target("POST", "/api/shopping_cart/" + cart.id() + "/checkout", cart.token()),
        new Target("DELETE", "/api/products/" + product, producer.token()));
  }

  private Reply send(Target target, byte[] body) {
    return api.send(target.method(), target.path(), Api.auth(target.token()), body, Api.JSON);
  }

  /** Everything a client can see of the store, to compare before and after. */
  private List<JsonNode> snapshot() {
    return List.of(
        api.get("/api/producer?limit=1000").json(),
        api.get("/api/products?min-inventory-count=0&limit=1000").json(),
        api.cart(cart));
  }

  private static List<byte[]> malformedBodies() {
    List<String> texts =
        List.of(
            "[]",
            "[{}]",
            "\"x\"",
            "1",
            "true",
            "{",
            "}",
            "{\"a\":}",
            "{\"a\": 1,}",
            "{'title': 'x'}",
            "{\"title\": \"x\"} trailing",
            "{\"title\": \"x\"}{}",
            "{\"price\": NaN}",
            "{\"price\": Infinity}",
            "{\"title\": \"raw \u0001 control\"}",
            "{\"x\": " + "[".repeat(3000) + "]".repeat(3000) + "}",
            "{\"price\": " + "9".repeat(2000) + "}");
    List<byte[]> bodies = new ArrayList<>();
    texts.forEach(t -> bodies.add(t.getBytes(UTF_8)));
    bodies.add(
        new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'});
    bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, '{', 0, 0, 0});
    bodies.add(new byte[] {0, 0, 0, '{'});
    return bodies;
  }

  @Test
  void malformedBodies_answer400OnEveryEndpointAndChangeNothing() {
    List<JsonNode> before = snapshot();

    for (Target target : requiredBodyTargets()) {
      for (byte[] body : malformedBodies()) {
        Reply reply = send(target, body);
        assertThat(reply.status())
            .as("%s %s with %s: %s", target.method(), target.path(), new String(body, UTF_8), reply)
            .isEqualTo(400);
        reply.assertProblem(400, "malformed-request");
      }
    }
    for (Target target : optionalBodyTargets()) {
      for (byte[] body : malformedBodies()) {
        send(target, body).assertProblem(400, "malformed-request");
      }
    }

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void missingOrNullBodies_onEndpointsThatNeedOne_answer400() {
    List<JsonNode> before = snapshot();

    for (Target target : requiredBodyTargets()) {
      send(target, new byte[0]).assertProblem(400, "malformed-request");
      send(target, "null".getBytes(UTF_8)).assertProblem(400, "malformed-request");
      send(target, " ".getBytes(UTF_8)).assertProblem(400, "malformed-request");
    }

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void valuesOfTheWrongType_answer400AndChangeNothing() {
    List<JsonNode> before = snapshot();
    Map<Target, List<String>> cases =
        Map.of(
            new Target("POST", "/api/producer", null),
            List.of(
                "{\"username\": 5, \"password\": \"long-enough\"}",
                "{\"username\": [\"a\"], \"password\": \"long-enough\"}",
                "{\"username\": \"someone\", \"password\": {\"a\": 1}}",
                "{\"username\": true, \"password\": \"long-enough\"}"),
            new Target("POST", "/api/products", producer.token()),
            List.of(
                "{\"title\": \"x\", \"price\": \"1.00\", \"inventory_count\": 1}",
                "{\"title\": \"x\", \"price\": true, \"inventory_count\": 1}",
                "{\"title\": \"x\", \"price\": 1.00, \"inventory_count\": 1.5}",
                "{\"title\": \"x\", \"price\": 1.00, \"inventory_count\": \"1\"}",
                "{\"title\": \"x\", \"price\": 1.00, \"inventory_count\": 1e2}",
                "{\"title\": \"x\", \"price\": 1.00, \"inventory_count\": 99999999999999999999}",
                "{\"title\": {\"a\": 1}, \"price\": 1.00, \"inventory_count\": 1}",
                "{\"title\": 12, \"price\": 1.00, \"inventory_count\": 1}",
                "{\"producer_id\": \"me\", \"title\": \"x\", \"price\": 1.00, \"inventory_count\": 1}"),
            new Target("PUT", "/api/products/" + product, producer.token()),
            List.of("{\"price\": \"free\"}", "{\"inventory_count\": []}", "{\"cost\": \"\"}"),
            new Target("PUT", "/api/shopping_cart/" + cart.id(), cart.token()),
            List.of(
                "{\"product_id\": \"1\", \"quantity\": 1}",
                "{\"product_id\": 1, \"quantity\": \"abc\"}",
                "{\"product_id\": 1, \"quantity\": {}}",
                "{\"product_id\": 1.5, \"quantity\": 1}",
                "{\"product_id\": 1, \"quantity\": 1e400}"),
            new Target("POST", "/api/shopping_cart/" + cart.id() + "/checkout", cart.token()),
            List.of("{\"expected_total\": \"12.00\"}", "{\"expected_total\": [12]}"));

    cases.forEach(
        (target, bodies) ->
            bodies.forEach(
                body ->
                    assertThat(
                            send(target, body.getBytes(UTF_8))
                                .assertProblem(400, "malformed-request"))
                        .isNotNull()));

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void hugeNumbersAndStringsWithinTheBodyLimit_answer422AndChangeNothing() {
    List<JsonNode> before = snapshot();
    String longText = "x".repeat(60_000);

    api.post(
            "/api/producer",
            null,
            "{\"username\": \"" + longText + "\", \"password\": \"pw-long-enough\"}")
        .assertProblem(422, "validation");
    api.post(
            "/api/products",
            producer.token(),
            "{\"title\": \"" + longText + "\", \"price\": 1.00, \"inventory_count\": 1}")
        .assertProblem(422, "validation");
    api.post(
            "/api/products",
            producer.token(),
            "{\"title\": \"x\", \"price\": 1e999999999, \"inventory_count\": 1}")
        .assertProblem(422, "validation");
    api.post(
            "/api/products",
            producer.token(),
            "{\"title\": \"x\", \"price\": 1e-999999999, \"inventory_count\": 1}")
        .assertProblem(422, "validation");
    api.put(
            "/api/products/" + product,
            producer.token(),
            "{\"inventory_count\": 9223372036854775807}")
        .assertProblem(422, "validation");
    api.put(
            "/api/shopping_cart/" + cart.id(),
            cart.token(),
            "{\"product_id\": 9223372036854775807, \"quantity\": 1}")
        .assertProblem(404, "not-found");
    api.put(
            "/api/shopping_cart/" + cart.id(),
            cart.token(),
            "{\"product_id\": " + product + ", \"quantity\": -9223372036854775808}")
        .assertProblem(422, "validation");
    api.post(
            "/api/shopping_cart/" + cart.id() + "/checkout",
            cart.token(),
            "{\"expected_total\": 1e999999999}")
        .assertProblem(422, "validation");

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void bodiesOverTheLimit_answer413AndChangeNothing() {
    List<JsonNode> before = snapshot();
    ByteArrayOutputStream big = new ByteArrayOutputStream();
    big.writeBytes("{\"title\": \"".getBytes(UTF_8));
    big.writeBytes("y".repeat(70_000).getBytes(UTF_8));
    big.writeBytes("\", \"price\": 1.00, \"inventory_count\": 1}".getBytes(UTF_8));

    for (Target target : requiredBodyTargets()) {
      send(target, big.toByteArray()).assertProblem(413, "body-too-large");
    }
    for (Target target : optionalBodyTargets()) {
      send(target, big.toByteArray()).assertProblem(413, "body-too-large");
    }
    api.send("POST", "/api/shopping_cart", Map.of(), big.toByteArray(), Api.JSON)
        .assertProblem(413, "body-too-large");

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void unknownFields_areIgnored() {
    Reply reply =
        api.post(
            "/api/products",
            producer.token(),
            "{\"title\": \"Rug\", \"price\": 5.00, \"inventory_count\": 1, \"colour\": \"red\","
                + " \"id\": 999, \"nested\": {\"a\": [1, 2]}}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("id").asLong()).isNotEqualTo(999);
    assertThat(reply.json().has("colour")).isFalse();
  }

  @Test
  void aBodyOfTheWrongMediaType_answers415() {
    Reply reply =
        api.send(
            "POST",
            "/api/products",
            Api.auth(producer.token()),
            "title=x".getBytes(UTF_8),
            "application/x-www-form-urlencoded");
    Reply text =
        api.send(
            "PUT",
            "/api/shopping_cart/" + cart.id(),
            Api.auth(cart.token()),
            "{}".getBytes(UTF_8),
            "text/plain");

    reply.assertProblem(415, "unsupported-media-type");
    text.assertProblem(415, "unsupported-media-type");
  }
}

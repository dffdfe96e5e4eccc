package org.barebones.store.http.resource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.barebones.store.http.support.Api;
import org.barebones.store.http.support.InMemoryStore;
import org.barebones.store.http.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code Idempotency-Key} header on the three creating requests, over the in-memory store: a
 * retry gets the first answer byte for byte (plus {@code Idempotent-Replayed: true}) and creates
 * nothing; another request with the key is 422; keys are the caller's own; malformed keys are 400.
 */
class IdempotencyKeyTest {

  private static final String TEA =
      "{\"title\": \"Green tea\", \"price\": 4.50, \"inventory_count\": 3}";

  @RegisterExtension static final InMemoryStore STORE = InMemoryStore.standard();

  private final Api api = STORE.api();
  private final Api.Session owner = api.registerProducer();

  private Reply post(String path, String token, String json, String key) {
    Map<String, String> headers = new LinkedHashMap<>(Api.auth(token));
    headers.put("Idempotency-Key", key);
    return api.send(
        "POST",
        path,
        headers,
        json == null ? null : json.getBytes(UTF_8),
        json == null ? null : Api.JSON);
  }

  private int productsOf(Api.Session producer) {
    return api.get("/api/products?min-inventory-count=0&producer_id=" + producer.id())
        .json()
        .size();
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  @Test
  void aRetriedProductCreation_createsOneProduct_andGetsTheFirstAnswerReplayed() {
    String key = key();
    Reply first = post("/api/products", owner.token(), TEA, key);
    Reply again = post("/api/products", owner.token(), TEA, key);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Location")).isEqualTo(first.header("Location")).isNotNull();
    assertThat(again.header("ETag")).isEqualTo(first.header("ETag")).isNotNull();
    assertThat(again.contentType()).startsWith("application/json");
    assertThat(productsOf(owner)).isEqualTo(1);
  }

  @Test
  void theSameKeyWithAnotherBody_is422_andCreatesNothing() {
    String key = key();
    post("/api/products", owner.token(), TEA, key);
    Reply other =
        post(
            "/api/products",
            owner.token(),
            "{\"title\": \"Black tea\", \"price\": 4.50, \"inventory_count\": 3}",
            key);

    other.assertProblem(422, "idempotency-key-reused");
    assertThat(productsOf(owner)).isEqualTo(1);
  }

  @Test
  void anotherProducersSameKey_makesItsOwnProduct() {
    String key = key();
    Api.Session neighbour = api.registerProducer();
    Reply mine = post("/api/products", owner.token(), TEA, key);
    Reply theirs = post("/api/products", neighbour.token(), TEA, key);

    assertThat(theirs.status()).isEqualTo(200);
    assertThat(theirs.header("Idempotent-Replayed")).isNull();
    assertThat(theirs.json().path("id")).isNotEqualTo(mine.json().path("id"));
    assertThat(theirs.json().path("producer_id").asLong()).isEqualTo(neighbour.id());
  }

  @Test
  void aRefusalIsKept_andReplayed() {
    String key = key();
    String invalid = "{\"title\": \" \", \"price\": 0.01, \"inventory_count\": 3}";
    Reply first = post("/api/products", owner.token(), invalid, key);
    Reply again = post("/api/products", owner.token(), invalid, key);

    first.assertProblem(422, "validation");
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    // Once kept, the key answers that refusal: the same key with a fixed body is another request.
    post("/api/products", owner.token(), TEA, key).assertProblem(422, "idempotency-key-reused");
    assertThat(productsOf(owner)).isZero();
  }

  @Test
  void aRetriedSignUpAndCart_areMadeOnce() {
    String key = key();
    String username = Api.uniqueName("idem");
    String credentials =
        "{\"username\": \"" + username + "\", \"password\": \"correct horse battery\"}";
    Reply signedUp = post("/api/producer", null, credentials, key);
    Reply again = post("/api/producer", null, credentials, key);
    assertThat(signedUp.status()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(signedUp.body());
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");

    String cartKey = key();
    Reply cart = post("/api/shopping_cart", null, null, cartKey);
    Reply cartAgain = post("/api/shopping_cart", null, null, cartKey);
    assertThat(cart.status()).isEqualTo(200);
    assertThat(cartAgain.body()).isEqualTo(cart.body());
    assertThat(cartAgain.header("Location")).isEqualTo(cart.header("Location"));
    assertThat(cartAgain.header("Idempotent-Replayed")).isEqualTo("true");
    // The same key on another path is another request.
    post("/api/shopping_cart", null, null, key).assertProblem(422, "idempotency-key-reused");
    // The producer's own token scopes its keys to it: the sign-up key is free there.
    String token = signedUp.json().path("auth_token").asText();
    JsonNode ownCart = post("/api/shopping_cart", token, null, key).json();
    assertThat(ownCart.path("shopping_cart").path("id").asLong())
        .isNotEqualTo(cart.json().path("shopping_cart").path("id").asLong());
  }

  @Test
  void aMalformedKey_is400_andDoesNothing() {
    for (String bad : new String[] {"", "with space", "x".repeat(256), "tab\tkey"}) {
      post("/api/products", owner.token(), TEA, bad).assertProblem(400, "invalid-idempotency-key");
    }
    assertThat(productsOf(owner)).isZero();
    assertThat(post("/api/products", owner.token(), TEA, "~".repeat(255)).status()).isEqualTo(200);
  }

  @Test
  void withoutAToken_aProductCreationWithAKey_is401AndKeepsNothing() {
    String key = key();
    post("/api/products", null, TEA, key).assertProblem(401, "unauthenticated");
    Reply created = post("/api/products", owner.token(), TEA, key);
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.header("Idempotent-Replayed")).isNull();
  }
}

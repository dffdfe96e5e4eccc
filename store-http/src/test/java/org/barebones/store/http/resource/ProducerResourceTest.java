package org.barebones.store.http.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.http.support.Api;
import org.barebones.store.http.support.InMemoryStore;
import org.barebones.store.http.support.Reply;
import org.barebones.store.http.support.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProducerResourceTest {

  @RegisterExtension
  static final InMemoryStore STORE = InMemoryStore.of(TestStores::throttledStore);

  private final Api api = STORE.api();

  private static String credentials(String username, String password) {
    return "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}";
  }

  @Test
  void root_answersAShortText() {
    Reply reply = api.get("/");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/plain");
    assertThat(reply.body()).isEqualTo("Hello!");
  }

  @Test
  void register_answers200WithTokenProducerAndLocation() {
    String username = Api.uniqueName("Maker");

    Reply reply = api.post("/api/producer", null, credentials(username, "s3cret-password"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonNode json = reply.json();
    JsonNode producer = json.path("producer");
    long id = producer.path("id").asLong();
    assertThat(id).isPositive();
    assertThat(producer.path("username").asText()).isEqualTo(username);
    assertThat(producer.path("products").isArray()).isTrue();
    assertThat(producer.path("products")).isEmpty();
    assertThat(reply.header("Location")).endsWith("/api/producer/" + id);
    assertThat(STORE.store().tokens().verify(json.path("auth_token").asText()))
        .isEqualTo(new Caller.ProducerCaller(ProducerId.of(id)));
    assertThat(reply.body()).doesNotContain("s3cret-password").doesNotContain("pbkdf2");
  }

  @Test
  void register_whenTheUsernameIsTakenInAnyCase_answers409() {
    String username = Api.uniqueName("Taken");
    api.registerProducer(username, "password-one");

    Reply reply =
        api.post("/api/producer", null, credentials(username.toUpperCase(), "password-two"));

    reply.assertProblem(409, "username-taken");
  }

  @Test
  void register_whenBothFieldsBreakRules_answers422ListingEach() {
    Reply reply = api.post("/api/producer", null, credentials("a b", "short"));

    JsonNode problem = reply.assertProblem(422, "validation");
    assertThat(problem.path("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("username", "password");
    assertThat(problem.path("errors").findValuesAsText("message")).allMatch(m -> !m.isBlank());
    assertThat(reply.body()).doesNotContain("short\"");
  }

  @Test
  void register_whenFieldsAreMissing_answers422() {
    Reply reply = api.post("/api/producer", null, "{}");

    JsonNode problem = reply.assertProblem(422, "validation");
    assertThat(problem.path("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("username", "password");
  }

  @Test
  void logIn_withTheRightPassword_answersATokenAndTheProducerWithItsProducts() {
    String username = Api.uniqueName("login");
    Api.Session registered = api.registerProducer(username, "right-password");
    long product = api.createProduct(registered.token(), "Kettle", "25.00", 3);

    Reply reply =
        api.post(
            "/api/producer/login", null, credentials(username.toUpperCase(), "right-password"));

    assertThat(reply.status()).isEqualTo(200);
    JsonNode json = reply.json();
    assertThat(json.path("producer").path("id").asLong()).isEqualTo(registered.id());
    assertThat(json.path("producer").path("products").findValues("id"))
        .extracting(JsonNode::asLong)
        .containsExactly(product);
    assertThat(STORE.store().tokens().verify(json.path("auth_token").asText()))
        .isEqualTo(new Caller.ProducerCaller(ProducerId.of(registered.id())));
  }

  @Test
  void logIn_whenUserIsUnknownOrPasswordWrong_answersTheSame401() {
    String username = Api.uniqueName("victim");
    api.registerProducer(username, "right-password");

    Reply wrongPassword =
        api.post("/api/producer/login", null, credentials(username, "wrong-password"));
    Reply unknownUser =
        api.post("/api/producer/login", null, credentials(Api.uniqueName("ghost"), "whatever1"));

    JsonNode first = wrongPassword.assertProblem(401, "unauthenticated");
    JsonNode second = unknownUser.assertProblem(401, "unauthenticated");
    assertThat(first).isEqualTo(second);
    assertThat(wrongPassword.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void logIn_afterTooManyFailures_answers429WithRetryAfter() {
    String username = Api.uniqueName("throttled");
    api.registerProducer(username, "right-password");
    for (int i = 0; i < 3; i++) {
      api.post("/api/producer/login", null, credentials(username, "wrong-" + i))
          .assertProblem(401, "unauthenticated");
    }

    Reply refused = api.post("/api/producer/login", null, credentials(username, "right-password"));

    refused.assertProblem(429, "too-many-attempts");
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 15L * 60);

    STORE.clock().advance(Duration.ofMinutes(16));
    Reply later = api.post("/api/producer/login", null, credentials(username, "right-password"));
    assertThat(later.status()).isEqualTo(200);
  }

  @Test
  void logIn_withoutABody_answers400() {
    api.post("/api/producer/login", null, "null").assertProblem(400, "malformed-request");
    api.send("POST", "/api/producer/login", Map.of(), new byte[0], Api.JSON)
        .assertProblem(400, "malformed-request");
  }

  @Test
  void get_answersTheProducerWithItsProducts() {
    Api.Session producer = api.registerProducer();
    long first = api.createProduct(producer.token(), "Cup", "3.50", 10);
    long soldOut = api.createProduct(producer.token(), "Saucer", "2.00", 0);

    Reply reply = api.get("/api/producer/" + producer.id());

    assertThat(reply.status()).isEqualTo(200);
    JsonNode json = reply.json();
    assertThat(json.path("id").asLong()).isEqualTo(producer.id());
    assertThat(json.path("products").findValues("id"))
        .extracting(JsonNode::asLong)
        .containsExactly(first, soldOut);
    assertThat(json.path("products").get(0).path("price").toString()).isEqualTo("3.50");
    assertThat(json.has("password")).isFalse();
  }

  @Test
  void get_whenTheIdIsUnknownOrNotAnId_answers404() {
    api.get("/api/producer/999999").assertProblem(404, "not-found");
    for (String id : new String[] {"abc", "0", "-1", "99999999999999999999", "1.0", "%201"}) {
      api.get("/api/producer/" + id).assertProblem(404, "not-found");
    }
  }

  @Test
  void list_answersABareArrayPagedWithALinkToTheNextPage() {
    for (int i = 0; i < 3; i++) {
      api.registerProducer();
    }

    Reply first = api.get("/api/producer?limit=2");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().isArray()).isTrue();
    assertThat(first.json()).hasSize(2);
    long lastId = first.json().get(1).path("id").asLong();
    String link = first.header("Link");
    assertThat(link).contains("rel=\"next\"").contains("after=" + lastId).contains("limit=2");

    String next = link.substring(link.indexOf("/api/producer"), link.indexOf('>'));
    Reply second = api.get(next);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().get(0).path("id").asLong()).isGreaterThan(lastId);
  }

  @Test
  void list_onTheLastPage_hasNoLink() {
    api.registerProducer();

    Reply all = api.get("/api/producer?limit=1000");

    assertThat(all.status()).isEqualTo(200);
    assertThat(all.header("Link")).isNull();
  }

  @Test
  void list_whenPagingParametersAreBad_answers400() {
    for (String query :
        new String[] {"limit=0", "limit=1001", "limit=abc", "limit=", "after=-1", "after=x"}) {
      api.get("/api/producer?" + query).assertProblem(400, "invalid-parameter");
    }
  }
}

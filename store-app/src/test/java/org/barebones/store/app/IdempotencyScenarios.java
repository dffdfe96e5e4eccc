package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} over real HTTP against the assembled server: a retry makes nothing new
 * and gets the first answer again, replayed; another request with the key is 422 and makes nothing;
 * keys are their caller's; requests without the header are as they always were. Subclasses run it
 * on H2 and on PostgreSQL.
 */
abstract class IdempotencyScenarios extends ServerSuite {

  protected Shop shop;

  IdempotencyScenarios(DropwizardAppExtension<StoreConfiguration> app) {
    super(app);
  }

  @BeforeEach
  void openShop() {
    shop = new Shop(api);
  }

  static String key() {
    return UUID.randomUUID().toString();
  }

  static Reply post(StoreClient client, String path, String json, String token, String key) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (key != null) {
      headers.put("Idempotency-Key", key);
    }
    return client.send("POST", path, json, token, headers);
  }

  static String product(String title) {
    return "{\"title\":\"" + title + "\",\"price\":4.50,\"inventory_count\":7}";
  }

  /** The titles of a producer's products, sold-out ones included. */
  private JsonNode productsOf(Shop.Producer producer) {
    return api.get("/api/products?min-inventory-count=0&producer_id=" + producer.id()).json();
  }

  @Test
  void twoIdenticalRequestsWithOneKey_makeOneProduct_andTwoIdenticalAnswers() {
    Shop.Producer seller = shop.newProducer("idem");
    String key = key();
    Reply first = post(api, "/api/products", product("Green tea"), seller.token(), key);
    Reply second = post(api, "/api/products", product("Green tea"), seller.token(), key);

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.header("Idempotent-Replayed")).isEmpty();
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.header("Idempotent-Replayed")).contains("true");
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.header("Location")).isEqualTo(first.header("Location")).isPresent();
    assertThat(second.header("ETag")).isEqualTo(first.header("ETag")).isPresent();
    assertThat(productsOf(seller)).hasSize(1);
  }

  @Test
  void anotherBodyWithTheSameKey_is422_andMakesNothing() {
    Shop.Producer seller = shop.newProducer("idem");
    String key = key();
    post(api, "/api/products", product("Green tea"), seller.token(), key);
    Reply other = post(api, "/api/products", product("Black tea"), seller.token(), key);
    Reply otherPath = post(api, "/api/shopping_cart", null, seller.token(), key);

    assertThat(other.status()).isEqualTo(422);
    assertThat(other.problemType()).isEqualTo("/problems/idempotency-key-reused");
    assertThat(otherPath.status()).isEqualTo(422);
    assertThat(otherPath.problemType()).isEqualTo("/problems/idempotency-key-reused");
    assertThat(productsOf(seller).findValuesAsText("title")).containsExactly("Green tea");
  }

  @Test
  void anotherProducersIdenticalKey_makesItsOwnProduct() {
    Shop.Producer one = shop.newProducer("idem");
    Shop.Producer two = shop.newProducer("idem");
    String key = key();
    Reply mine = post(api, "/api/products", product("Green tea"), one.token(), key);
    Reply theirs = post(api, "/api/products", product("Green tea"), two.token(), key);

    assertThat(theirs.status()).isEqualTo(200);
    assertThat(theirs.header("Idempotent-Replayed")).isEmpty();
    assertThat(theirs.json().path("producer_id").asLong()).isEqualTo(two.id());
    assertThat(theirs.json().path("id").asLong()).isNotEqualTo(mine.json().path("id").asLong());
    assertThat(productsOf(one)).hasSize(1);
    assertThat(productsOf(two)).hasSize(1);
  }

  @Test
  void aRetriedSignUp_makesOneProducer_andAnswersTheSameToken() {
    String username = Shop.uniqueUsername("idem");
    String credentials =
        "{\"username\":\"" + username + "\",\"password\":\"" + Shop.PASSWORD + "\"}";
    String key = key();
    Reply first = post(api, "/api/producer", credentials, null, key);
    Reply second = post(api, "/api/producer", credentials, null, key);

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.header("Idempotent-Replayed")).contains("true");
    // Without the key, the same sign-up is what it always was: the username is taken.
    Reply unkeyed = post(api, "/api/producer", credentials, null, null);
    assertThat(unkeyed.status()).isEqualTo(409);
    assertThat(unkeyed.problemType()).isEqualTo("/problems/username-taken");
  }

  @Test
  void aRetriedCartCreation_opensOneCart() {
    String key = key();
    Reply first = post(api, "/api/shopping_cart", null, null, key);
    Reply second = post(api, "/api/shopping_cart", null, null, key);

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.header("Idempotent-Replayed")).contains("true");
    Shop.Cart cart = Shop.cartOf(second.json());
    assertThat(shop.cart(cart).status()).isEqualTo(200);
  }

  @Test
  void withoutTheHeader_twoIdenticalRequests_makeTwoProducts_asBefore() {
    Shop.Producer seller = shop.newProducer("idem");
    Reply first = post(api, "/api/products", product("Green tea"), seller.token(), null);
    Reply second = post(api, "/api/products", product("Green tea"), seller.token(), null);

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.header("Idempotent-Replayed")).isEmpty();
    assertThat(productsOf(seller)).hasSize(2);
  }

  @Test
  void aMalformedKey_is400_andMakesNothing() {
    Shop.Producer seller = shop.newProducer("idem");
    Reply tooLong = post(api, "/api/products", product("Tea"), seller.token(), "k".repeat(256));
    Reply spaced = post(api, "/api/products", product("Tea"), seller.token(), "a key");

    for (Reply reply : new Reply[] {tooLong, spaced}) {
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.problemType()).isEqualTo("/problems/invalid-idempotency-key");
    }
    assertThat(productsOf(seller)).isEmpty();
  }
}

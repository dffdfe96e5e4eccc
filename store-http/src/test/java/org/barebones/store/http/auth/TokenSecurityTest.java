package org.barebones.store.http.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.http.support.Api;
import org.barebones.store.http.support.InMemoryApi;
import org.barebones.store.http.support.MutableClock;
import org.barebones.store.http.support.Reply;
import org.barebones.store.http.support.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every way to present a bad token, over HTTP: each is refused with API.md's status, and the data
 * it aimed at is unchanged. The server's secret is 64 bytes here, long enough for HS512, so that a
 * token re-signed with another HMAC under the very same key is tried too.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TokenSecurityTest {
  private static final byte[] SECRET = "k3y-".repeat(16).getBytes(UTF_8);
  private static final MutableClock CLOCK = new MutableClock(TestStores.START);
  private static final Store STORE =
      TestStores.builder(CLOCK)
          .tokens(
              new JjwtTokenService(
                  SECRET,
                  TestStores.PRODUCER_TOKEN_LIFETIME,
                  TestStores.CART_TOKEN_LIFETIME,
                  CLOCK))
          .build();
  private static final ResourceExtension RESOURCES = TestStores.resources(STORE);

  private final Api api = new InMemoryApi(RESOURCES);
  private Api.Session owner;
  private long product;
  private JsonNode productBefore;
  private Api.Session cart;
  private JsonNode cartBefore;

  @BeforeEach
  void setUp() {
    owner = api.registerProducer();
    product = api.createProduct(owner.token(), "Lamp", "40.00", 5);
    productBefore = api.product(product);
    cart = api.createCart();
    api.setLine(cart, product, 1);
    cartBefore = api.cart(cart);
  }

  /** Producer and cart endpoints tried with {@code token}, each answered {@code status}. */
  private void assertEveryEndpointRefuses(String token, int status) {
    String productPath = "/api/products/" + product;
    String cartPath = "/api/shopping_cart/" + cart.id();
    List<Reply> replies =
        List.of(
            api.post(
                "/api/products",
                token,
                "{\"title\": \"Forged\", \"price\": 1.00, \"inventory_count\": 1}"),
            api.put(productPath, token, "{\"price\": 0.10}"),
            api.delete(productPath, token),
            api.get(cartPath, token),
            api.put(cartPath, token, "{\"product_id\": " + product + ", \"quantity\": 5}"),
            api.delete(cartPath, token),
            api.send("POST", cartPath + "/checkout", Api.auth(token), null, null));
    String code = status == 401 ? "unauthenticated" : "forbidden";
    for (Reply reply : replies) {
      reply.assertProblem(status, code);
      if (status == 401) {
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
      }
    }
    assertUnchanged();
  }

  private void assertUnchanged() {
    assertThat(api.product(product)).isEqualTo(productBefore);
    assertThat(api.cart(cart)).isEqualTo(cartBefore);
    assertThat(api.get("/api/producer/" + owner.id()).json().path("products")).hasSize(1);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(UTF_8));
  }

  private String claims(String audience, long subject) {
    long now = CLOCK.instant().getEpochSecond();
    return "{\"iss\":\"barebones-store\",\"sub\":\""
        + subject
        + "\",\"aud\":\""
        + audience
        + "\",\"iat\":"
        + now
        + ",\"exp\":"
        + (now + 3600)
        + "}";
  }

  @Test
  void noToken_answers401() {
    assertEveryEndpointRefuses(null, 401);
  }

  @Test
  void garbageTokens_answer401() {
    for (String token : new String[] {"garbage", "a.b.c", "", "Bearer", "\u00e9\u00e9"}) {
      assertEveryEndpointRefuses(token, 401);
    }
  }

  @Test
  void anotherScheme_answers401() {
    Reply reply =
        api.send(
            "DELETE",
            "/api/products/" + product,
            Map.of("Authorization", "Basic " + owner.token()),
            null,
            null);

    reply.assertProblem(401, "unauthenticated");
    assertUnchanged();
  }

  @Test
  void aTokenInTheUrl_isRefusedWith400() {
    Reply reply =
        api.send(
            "DELETE",
            "/api/products/" + product + "?access_token=" + owner.token(),
            Map.of(),
            null,
            null);

    reply.assertProblem(400, "malformed-request");
    assertThat(reply.body()).doesNotContain(owner.token());
    assertUnchanged();
  }

  @Test
  void algNone_answers401() {
    String producerToken =
        b64("{\"alg\":\"none\"}") + "." + b64(claims("store-producer", owner.id())) + ".";
    String cartToken = b64("{\"alg\":\"none\"}") + "." + b64(claims("store-cart", cart.id())) + ".";

    assertEveryEndpointRefuses(producerToken, 401);
    assertEveryEndpointRefuses(cartToken, 401);
  }

  @Test
  void tamperedPayload_answers401() {
    Api.Session intruder = api.registerProducer();
    String[] parts = intruder.token().split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8);
    String forged =
        parts[0]
            + "."
            + b64(
                payload.replace(
                    "\"sub\":\"" + intruder.id() + "\"", "\"sub\":\"" + owner.id() + "\""))
            + "."
            + parts[2];
    assertThat(forged).isNotEqualTo(intruder.token());

    assertEveryEndpointRefuses(forged, 401);
  }

  @Test
  void tokenSignedWithAnotherKey_answers401() {
    JjwtTokenService stranger =
        new JjwtTokenService(
            "another-secret-that-is-long-enough".getBytes(UTF_8),
            Duration.ofHours(1),
            Duration.ofHours(1),
            CLOCK);

    assertEveryEndpointRefuses(stranger.issueProducerToken(ProducerId.of(owner.id())), 401);
    assertEveryEndpointRefuses(stranger.issueCartToken(CartId.of(cart.id())), 401);
  }

  @Test
  void tokenResignedWithHs512UnderTheServersKey_answers401() {
    String resigned =
        Jwts.builder()
            .issuer("barebones-store")
            .subject(Long.toString(owner.id()))
            .audience()
            .add("store-producer")
            .and()
            .issuedAt(Date.from(CLOCK.instant()))
            .expiration(Date.from(CLOCK.instant().plusSeconds(3600)))
            .signWith(Keys.hmacShaKeyFor(SECRET), Jwts.SIG.HS512)
            .compact();

    assertEveryEndpointRefuses(resigned, 401);
  }

  @Test
  void expiredTokens_answer401() {
    Api.Session producer = api.registerProducer();
    Api.Session oldCart = api.createCart();
    api.setLine(oldCart, product, 1);
    JsonNode oldCartBefore = api.cart(oldCart);

    CLOCK.advance(TestStores.CART_TOKEN_LIFETIME.plusMinutes(5));

    api.post(
            "/api/products",
            producer.token(),
            "{\"title\": \"Late\", \"price\": 1.00, \"inventory_count\": 1}")
        .assertProblem(401, "unauthenticated");
    Reply view = api.get("/api/shopping_cart/" + oldCart.id(), oldCart.token());
    assertThat(view.assertProblem(401, "unauthenticated").path("detail").asText())
        .contains("expired");
    api.send(
            "POST",
            "/api/shopping_cart/" + oldCart.id() + "/checkout",
            Api.auth(oldCart.token()),
            null,
            null)
        .assertProblem(401, "unauthenticated");

    assertThat(api.get("/api/producer/" + producer.id()).json().path("products")).isEmpty();
    String freshToken = STORE.tokens().issueCartToken(CartId.of(oldCart.id()));
    assertThat(api.cart(new Api.Session(oldCart.id(), freshToken))).isEqualTo(oldCartBefore);
    assertThat(api.product(product).path("inventory_count").asInt()).isEqualTo(5);
  }

  @Test
  void cartToken_onProducerEndpoints_answers401() {
    String productPath = "/api/products/" + product;

    for (Reply reply :
        List.of(
            api.post(
                "/api/products",
                cart.token(),
                "{\"title\": \"x\", \"price\": 1.00, \"inventory_count\": 1}"),
            api.put(productPath, cart.token(), "{\"price\": 0.10}"),
            api.delete(productPath, cart.token()))) {
      reply.assertProblem(401, "unauthenticated");
      assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }
    assertUnchanged();
  }

  @Test
  void producerToken_onCartAndOrderEndpoints_answers401() {
    Api.Session seller = api.registerProducer();
    long orderCartProduct = api.createProduct(seller.token(), "Bulb", "1.00", 5);
    Api.Session buyer = api.createCart();
    api.setLine(buyer, orderCartProduct, 1);
    long order = api.checkout(buyer).json().path("order").path("id").asLong();
    String cartPath = "/api/shopping_cart/" + cart.id();

    for (Reply reply :
        List.of(
            api.get(cartPath, owner.token()),
            api.put(cartPath, owner.token(), "{\"product_id\": " + product + ", \"quantity\": 2}"),
            api.delete(cartPath, owner.token()),
            api.send("POST", cartPath + "/checkout", Api.auth(owner.token()), null, null),
            api.get("/api/orders/" + order, owner.token()),
            api.get("/api/orders/" + order))) {
      reply.assertProblem(401, "unauthenticated");
      assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }
    assertUnchanged();
  }

  @Test
  void cartToken_onAnotherCart_answers403() {
    Api.Session other = api.createCart();
    String cartPath = "/api/shopping_cart/" + cart.id();

    for (Reply reply :
        List.of(
            api.get(cartPath, other.token()),
            api.put(cartPath, other.token(), "{\"product_id\": " + product + ", \"quantity\": 2}"),
            api.delete(cartPath, other.token()),
            api.send("POST", cartPath + "/checkout", Api.auth(other.token()), null, null))) {
      reply.assertProblem(403, "forbidden");
    }
    assertUnchanged();
  }

  @Test
  void cartToken_onAnotherCartsOrder_answers403() {
    api.checkout(cart);
    long order = api.cart(cart).path("order_id").asLong();
    Api.Session other = api.createCart();

    api.get("/api/orders/" + order, other.token()).assertProblem(403, "forbidden");
    assertThat(api.get("/api/orders/" + order, cart.token()).status()).isEqualTo(200);
  }

  @Test
  void producerB_onProducerAsProduct_answers403() {
    Api.Session intruder = api.registerProducer();

    api.put("/api/products/" + product, intruder.token(), "{\"price\": 0.10}")
        .assertProblem(403, "forbidden");
    api.delete("/api/products/" + product, intruder.token()).assertProblem(403, "forbidden");

    assertUnchanged();
  }

  @Test
  void aDeletedCartsToken_opensNoOtherCart() {
    Api.Session doomed = api.createCart();
    api.delete("/api/shopping_cart/" + doomed.id(), doomed.token());
    Api.Session next = api.createCart();

    api.get("/api/shopping_cart/" + next.id(), doomed.token()).assertProblem(403, "forbidden");
  }
}

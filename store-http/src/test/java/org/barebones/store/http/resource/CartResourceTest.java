package org.barebones.store.http.resource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.http.support.Api;
import org.barebones.store.http.support.InMemoryStore;
import org.barebones.store.http.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CartResourceTest {

  @RegisterExtension static final InMemoryStore STORE = InMemoryStore.standard();

  private final Api api = STORE.api();
  private final Api.Session seller = api.registerProducer();

  private Reply setLine(Api.Session cart, String json) {
    return api.put("/api/shopping_cart/" + cart.id(), cart.token(), json);
  }

  /** Puts each body as a line of {@code cart}: each is refused so, and the cart is unchanged. */
  private void assertEachRefused(Api.Session cart, int status, String type, String... bodies) {
    JsonNode before = api.cart(cart);
    for (String body : bodies) {
      setLine(cart, body).assertProblem(status, type);
    }
    assertThat(api.cart(cart)).isEqualTo(before);
  }

  private void reprice(long product, String price) {
    Reply reply = api.put("/api/products/" + product, seller.token(), "{\"price\": " + price + "}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
  }

  @Test
  void create_answersAnEmptyOpenCartItsTokenAndLocation() {
    Reply reply = api.post("/api/shopping_cart", null, null);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode json = reply.json();
    JsonNode cart = json.path("shopping_cart");
    long id = cart.path("id").asLong();
    assertThat(cart.path("status").asText()).isEqualTo("open");
    assertThat(cart.path("currency").asText()).isEqualTo("USD");
    assertThat(cart.path("cached_price").toString()).isEqualTo("0.00");
    assertThat(cart.path("order_id").isNull()).isTrue();
    assertThat(cart.path("shopping_cart_entries").isArray()).isTrue();
    assertThat(cart.path("shopping_cart_entries")).isEmpty();
    assertThat(reply.header("Location")).endsWith("/api/shopping_cart/" + id);
    assertThat(STORE.store().tokens().verify(json.path("auth_token").asText()))
        .isEqualTo(new Caller.CartHolder(CartId.of(id)));
  }

  @Test
  void setLine_addsChangesAndRemovesLinesPricedAtTheCurrentPrice() {
    long tea = api.createProduct(seller.token(), "Tea", "19.99", 10);
    long cup = api.createProduct(seller.token(), "Cup", "3.50", 10);
    Api.Session cart = api.createCart();

    JsonNode added = api.setLine(cart, tea, 2);
    assertThat(added.path("cached_price").toString()).isEqualTo("39.98");
    JsonNode entry = added.path("shopping_cart_entries").get(0);
    assertThat(entry.path("id").asLong()).isPositive();
    assertThat(entry.path("shopping_cart_id").asLong()).isEqualTo(cart.id());
    assertThat(entry.path("quantity").asInt()).isEqualTo(2);
    assertThat(entry.path("unit_price").toString()).isEqualTo("19.99");
    assertThat(entry.path("product_id").asLong()).isEqualTo(tea);
    assertThat(entry.path("product")).isEqualTo(api.product(tea));

    JsonNode both = api.setLine(cart, cup, 3);
    assertThat(both.path("cached_price").toString()).isEqualTo("50.48");
    assertThat(both.path("shopping_cart_entries")).hasSize(2);

    JsonNode changed = api.setLine(cart, tea, 1);
    assertThat(changed.path("cached_price").toString()).isEqualTo("30.49");

    JsonNode removed = api.setLine(cart, tea, 0);
    assertThat(removed.path("cached_price").toString()).isEqualTo("10.50");
    assertThat(removed.path("shopping_cart_entries").findValues("product_id"))
        .extracting(JsonNode::asLong)
        .containsExactly(cup);
    assertThat(api.cart(cart)).isEqualTo(removed);
  }

  @Test
  void setLine_whenTheProductIsUnknown_answers404AndChangesNothing() {
    Api.Session cart = api.createCart();
    JsonNode before = api.cart(cart);

    setLine(cart, "{\"product_id\": 987654321, \"quantity\": 1}").assertProblem(404, "not-found");

    assertThat(api.cart(cart)).isEqualTo(before);
  }

  @Test
  void setLine_whenStockIsShort_answers409WithTheShortage() {
    long rare = api.createProduct(seller.token(), "Rare", "5.00", 2);
    Api.Session cart = api.createCart();

    JsonNode problem =
        setLine(cart, "{\"product_id\": " + rare + ", \"quantity\": 3}")
            .assertProblem(409, "insufficient-stock");

    JsonNode shortage = problem.path("shortages").get(0);
    assertThat(shortage.path("product_id").asLong()).isEqualTo(rare);
    assertThat(shortage.path("requested").asInt()).isEqualTo(3);
    assertThat(shortage.path("available").asInt()).isEqualTo(2);
    assertThat(api.cart(cart).path("shopping_cart_entries")).isEmpty();
  }

  @Test
  void setLine_whenTheBodyBreaksRules_answers422AndChangesNothing() {
    long tea = api.createProduct(seller.token(), "Tea", "1.00", 10);
    Api.Session cart = api.createCart();
    api.setLine(cart, tea, 1);
    assertEachRefused(
        cart,
        422,
        "validation",
        "{\"product_id\": " + tea + ", \"quantity\": -1}",
        "{\"product_id\": " + tea + ", \"quantity\": 1000001}",
        "{\"product_id\": " + tea + "}",
        "{\"quantity\": 1}",
        "{\"product_id\": 0, \"quantity\": 1}",
        "{\"product_id\": -7, \"quantity\": 1}",
        "{}");
  }

  @Test
  void setLine_whenTheBodyIsMalformed_answers400AndChangesNothing() {
    long tea = api.createProduct(seller.token(), "Tea", "1.00", 10);
    Api.Session cart = api.createCart();
    assertEachRefused(
        cart,
        400,
        "malformed-request",
        "{\"product_id\": " + tea + ", \"quantity\": \"abc\"}",
        "{\"product_id\": " + tea + ", \"quantity\": \"2\"}",
        "{\"product_id\": " + tea + ", \"quantity\": 1.5}",
        "{\"product_id\": " + tea + ", \"quantity\": 99999999999999999999}",
        "{\"product_id\": true, \"quantity\": 1}",
        "{\"product_id\": " + tea + ", \"quantity\": 1",
        "[]",
        "\"x\"",
        "null");
  }

  @Test
  void view_showsTheCachedPriceUnlessUseCacheIs0_thenRepricesAndStores() {
    long tea = api.createProduct(seller.token(), "Tea", "2.00", 10);
    Api.Session cart = api.createCart();
    api.setLine(cart, tea, 3);
    reprice(tea, "2.50");

    for (String query : new String[] {"", "?use-cache=1", "?use-cache=true", "?use-cache=abc"}) {
      Reply cached = api.get("/api/shopping_cart/" + cart.id() + query, cart.token());
      assertThat(cached.status()).isEqualTo(200);
      assertThat(cached.json().path("cached_price").toString()).isEqualTo("6.00");
      assertThat(cached.json().path("shopping_cart_entries").get(0).path("unit_price").toString())
          .isEqualTo("2.00");
      assertThat(
              cached
                  .json()
                  .path("shopping_cart_entries")
                  .get(0)
                  .path("product")
                  .path("price")
                  .toString())
          .isEqualTo("2.50");
    }

    Reply fresh = api.get("/api/shopping_cart/" + cart.id() + "?use-cache=0", cart.token());
    assertThat(fresh.status()).isEqualTo(200);
    assertThat(fresh.json().path("cached_price").toString()).isEqualTo("7.50");
    assertThat(api.cart(cart).path("cached_price").toString()).isEqualTo("7.50");
  }

  @Test
  void view_whenTheCartIsUnknownOrTheIdIsBad_answers404() {
    Api.Session cart = api.createCart();
    api.delete("/api/shopping_cart/" + cart.id(), cart.token());

    api.get("/api/shopping_cart/" + cart.id(), cart.token()).assertProblem(404, "not-found");
    api.get("/api/shopping_cart/abc", cart.token()).assertProblem(404, "not-found");
    api.get("/api/shopping_cart/0", cart.token()).assertProblem(404, "not-found");
  }

  @Test
  void delete_answersAMessageThenTheCartIsGone() {
    Api.Session cart = api.createCart();

    Reply reply = api.delete("/api/shopping_cart/" + cart.id(), cart.token());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("message").asText()).isNotBlank();
    api.get("/api/shopping_cart/" + cart.id(), cart.token()).assertProblem(404, "not-found");
    api.delete("/api/shopping_cart/" + cart.id(), cart.token()).assertProblem(404, "not-found");
  }

  @Test
  void checkout_recordsTheOrderTakesStockAndClosesTheCart() {
    long tea = api.createProduct(seller.token(), "Tea", "19.99", 5);
    long cup = api.createProduct(seller.token(), "Cup", "3.50", 5);
    String teaTag = api.get("/api/products/" + tea).header("ETag");
    Api.Session cart = api.createCart();
    api.setLine(cart, tea, 2);
    api.setLine(cart, cup, 1);

    Reply reply = api.checkout(cart);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("message").asText()).isNotBlank();
    JsonNode order = reply.json().path("order");
    long orderId = order.path("id").asLong();
    assertThat(order.path("shopping_cart_id").asLong()).isEqualTo(cart.id());
    assertThat(order.path("currency").asText()).isEqualTo("USD");
    assertThat(order.path("total").toString()).isEqualTo("43.48");
    assertThat(order.path("created_at").asText()).isEqualTo("2026-11-25T10:00:00Z");
    JsonNode line = order.path("lines").get(0);
    assertThat(line.path("product_id").asLong()).isEqualTo(tea);
    assertThat(line.path("title").asText()).isEqualTo("Tea");
    assertThat(line.path("unit_price").toString()).isEqualTo("19.99");
    assertThat(line.path("quantity").asInt()).isEqualTo(2);
    assertThat(line.path("line_total").toString()).isEqualTo("39.98");
    assertThat(order.path("lines")).hasSize(2);

    JsonNode closed = api.cart(cart);
    assertThat(closed.path("status").asText()).isEqualTo("checked_out");
    assertThat(closed.path("order_id").asLong()).isEqualTo(orderId);
    assertThat(api.product(tea).path("inventory_count").asInt()).isEqualTo(3);
    assertThat(api.product(cup).path("inventory_count").asInt()).isEqualTo(4);
    assertThat(api.get("/api/products/" + tea).header("ETag")).isNotEqualTo(teaTag);

    Reply fetched = api.get("/api/orders/" + orderId, cart.token());
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.json()).isEqualTo(order);
  }

  @Test
  void checkout_repeated_answersTheSameOrderAndTakesNoMoreStock() {
    long tea = api.createProduct(seller.token(), "Tea", "1.00", 5);
    Api.Session cart = api.createCart();
    api.setLine(cart, tea, 2);

    JsonNode first = api.checkout(cart).json();
    Reply again = api.checkout(cart);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("order")).isEqualTo(first.path("order"));
    assertThat(api.product(tea).path("inventory_count").asInt()).isEqualTo(3);
  }

  @Test
  void checkout_whenALineIsShort_answers409ListingShortagesAndChangesNothing() {
    long plenty = api.createProduct(seller.token(), "Plenty", "1.00", 50);
    long scarce = api.createProduct(seller.token(), "Scarce", "1.00", 3);
    Api.Session cart = api.createCart();
    api.setLine(cart, plenty, 5);
    api.setLine(cart, scarce, 3);
    api.put("/api/products/" + scarce, seller.token(), "{\"inventory_count\": 1}");
    JsonNode before = api.cart(cart);

    JsonNode problem = api.checkout(cart).assertProblem(409, "insufficient-stock");

    assertThat(problem.path("shortages")).hasSize(1);
    JsonNode shortage = problem.path("shortages").get(0);
    assertThat(shortage.path("product_id").asLong()).isEqualTo(scarce);
    assertThat(shortage.path("requested").asInt()).isEqualTo(3);
    assertThat(shortage.path("available").asInt()).isEqualTo(1);
    assertThat(api.product(plenty).path("inventory_count").asInt()).isEqualTo(50);
    assertThat(api.product(scarce).path("inventory_count").asInt()).isEqualTo(1);
    assertThat(api.cart(cart)).isEqualTo(before);
  }

  @Test
  void checkout_ofAnEmptyCart_answers422() {
    Api.Session cart = api.createCart();

    api.checkout(cart).assertProblem(422, "empty-cart");

    assertThat(api.cart(cart).path("status").asText()).isEqualTo("open");
  }

  @Test
  void checkout_withTheExpectedTotal_buys() {
    long tea = api.createProduct(seller.token(), "Tea", "2.00", 5);
    Api.Session cart = api.createCart();
    api.setLine(cart, tea, 2);

    Reply reply =
        api.post(
            "/api/shopping_cart/" + cart.id() + "/checkout",
            cart.token(),
            "{\"expected_total\": 4.00}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("order").path("total").toString()).isEqualTo("4.00");
  }

  @Test
  void checkout_whenPricesMovedFromTheExpectedTotal_answers409WithChangesAndChangesNothing() {
    long tea = api.createProduct(seller.token(), "Tea", "2.00", 5);
    long cup = api.createProduct(seller.token(), "Cup", "1.00", 5);
    Api.Session cart = api.createCart();
    api.setLine(cart, tea, 2);
    api.setLine(cart, cup, 1);
    reprice(tea, "2.25");
    JsonNode before = api.cart(cart);

    Reply reply =
        api.post(
            "/api/shopping_cart/" + cart.id() + "/checkout",
            cart.token(),
            "{\"expected_total\": 5.00}");

    JsonNode problem = reply.assertProblem(409, "price-changed");
    assertThat(problem.path("changes")).hasSize(1);
    JsonNode change = problem.path("changes").get(0);
    assertThat(change.path("product_id").asLong()).isEqualTo(tea);
    assertThat(change.path("old_unit_price").toString()).isEqualTo("2.00");
    assertThat(change.path("new_unit_price").toString()).isEqualTo("2.25");
    assertThat(api.cart(cart)).isEqualTo(before);
    assertThat(api.product(tea).path("inventory_count").asInt()).isEqualTo(5);
  }

  @Test
  void checkout_whenTheExpectedTotalIsInvalidOrMalformed_answers4xxAndChangesNothing() {
    long tea = api.createProduct(seller.token(), "Tea", "2.00", 5);
    Api.Session cart = api.createCart();
    api.setLine(cart, tea, 1);
    String path = "/api/shopping_cart/" + cart.id() + "/checkout";

    api.post(path, cart.token(), "{\"expected_total\": -1}").assertProblem(422, "validation");
    api.post(path, cart.token(), "{\"expected_total\": 2.001}").assertProblem(422, "validation");
    api.post(path, cart.token(), "{\"expected_total\": \"2.00\"}")
        .assertProblem(400, "malformed-request");
    api.post(path, cart.token(), "{\"expected_total\": ").assertProblem(400, "malformed-request");
    api.post(path, cart.token(), "[1]").assertProblem(400, "malformed-request");

    assertThat(api.cart(cart).path("status").asText()).isEqualTo("open");
    assertThat(api.product(tea).path("inventory_count").asInt()).isEqualTo(5);
  }

  @Test
  void checkout_withAnEmptyOrNullBody_buys() {
    long tea = api.createProduct(seller.token(), "Tea", "2.00", 5);
    Api.Session first = api.createCart();
    Api.Session second = api.createCart();
    api.setLine(first, tea, 1);
    api.setLine(second, tea, 1);

    Reply empty =
        api.send(
            "POST",
            "/api/shopping_cart/" + first.id() + "/checkout",
            Api.auth(first.token()),
            new byte[0],
            Api.JSON);
    Reply jsonNull =
        api.send(
            "POST",
            "/api/shopping_cart/" + second.id() + "/checkout",
            Api.auth(second.token()),
            "null".getBytes(UTF_8),
            Api.JSON);

    assertThat(empty.status()).isEqualTo(200);
    assertThat(jsonNull.status()).isEqualTo(200);
  }

  @Test
  void changes_toACheckedOutCart_answer409() {
    long tea = api.createProduct(seller.token(), "Tea", "2.00", 5);
    Api.Session cart = api.createCart();
    api.setLine(cart, tea, 1);
    api.checkout(cart);
    JsonNode before = api.cart(cart);

    setLine(cart, "{\"product_id\": " + tea + ", \"quantity\": 2}")
        .assertProblem(409, "cart-checked-out");
    api.delete("/api/shopping_cart/" + cart.id(), cart.token())
        .assertProblem(409, "cart-checked-out");

    assertThat(api.cart(cart)).isEqualTo(before);
  }

  @Test
  void order_keepsItsCopyOfTitleAndPriceAfterTheProductChangesOrGoes() {
    long tea = api.createProduct(seller.token(), "Tea", "2.00", 5);
    Api.Session cart = api.createCart();
    api.setLine(cart, tea, 1);
    long orderId = api.checkout(cart).json().path("order").path("id").asLong();

    reprice(tea, "9.00");
    api.delete("/api/products/" + tea, seller.token());

    JsonNode order = api.get("/api/orders/" + orderId, cart.token()).json();
    assertThat(order.path("lines").get(0).path("title").asText()).isEqualTo("Tea");
    assertThat(order.path("lines").get(0).path("unit_price").toString()).isEqualTo("2.00");
  }

  @Test
  void order_whenUnknownOrTheIdIsBad_answers404() {
    Api.Session cart = api.createCart();

    api.get("/api/orders/987654321", cart.token()).assertProblem(404, "not-found");
    api.get("/api/orders/x", cart.token()).assertProblem(404, "not-found");
    api.get("/api/orders/-1", cart.token()).assertProblem(404, "not-found");
  }
}

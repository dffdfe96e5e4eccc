package org.barebones.store.http.resource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.barebones.store.http.support.Api;
import org.barebones.store.http.support.InMemoryStore;
import org.barebones.store.http.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProductResourceTest {

  @RegisterExtension static final InMemoryStore STORE = InMemoryStore.standard();

  private final Api api = STORE.api();
  private final Api.Session owner = api.registerProducer();

  private Reply create(String json) {
    return api.post("/api/products", owner.token(), json);
  }

  private Reply change(long id, String token, String json) {
    return api.put("/api/products/" + id, token, json);
  }

  @Test
  void create_answers200WithProductETagAndLocation() {
    Reply reply = create("{\"title\": \"Green tea\", \"price\": 19.99, \"inventory_count\": 12}");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode product = reply.json();
    long id = product.path("id").asLong();
    assertThat(product.path("producer_id").asLong()).isEqualTo(owner.id());
    assertThat(product.path("title").asText()).isEqualTo("Green tea");
    assertThat(product.path("price").toString()).isEqualTo("19.99");
    assertThat(product.path("inventory_count").asInt()).isEqualTo(12);
    assertThat(product.size()).isEqualTo(5);
    assertThat(reply.header("ETag")).matches("\"\\d+\"");
    assertThat(reply.header("Location")).endsWith("/api/products/" + id);
    assertThat(api.product(id)).isEqualTo(product);
  }

  @Test
  void create_writesMoneyWithTwoDecimals() {
    Reply reply = create("{\"title\": \"Stove\", \"price\": 500, \"inventory_count\": 1}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).contains("\"price\":500.00");
  }

  @Test
  void create_acceptsCostAsAnotherNameForPrice() {
    Reply cost = create("{\"title\": \"Mug\", \"cost\": 7.25, \"inventory_count\": 1}");
    Reply both =
        create("{\"title\": \"Mug\", \"price\": 7.25, \"cost\": 7.250, \"inventory_count\": 1}");

    assertThat(cost.status()).isEqualTo(200);
    assertThat(cost.json().path("price").toString()).isEqualTo("7.25");
    assertThat(both.status()).isEqualTo(200);
  }

  @Test
  void create_whenPriceAndCostDiffer_answers422OnPriceListingEveryRule() {
    Reply reply =
        create("{\"title\": \" \", \"price\": 7.25, \"cost\": 8, \"inventory_count\": 1}");

    JsonNode problem = reply.assertProblem(422, "validation");
    assertThat(problem.path("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("price", "title");
  }

  @Test
  void create_withTheCallersOwnProducerId_answers200() {
    Reply reply =
        create(
            "{\"producer_id\": "
                + owner.id()
                + ", \"title\": \"Pot\", \"price\": 1.00, \"inventory_count\": 1}");

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void create_withAnotherProducersId_answers403AndCreatesNothing() {
    Api.Session other = api.registerProducer();

    Reply reply =
        create(
            "{\"producer_id\": "
                + other.id()
                + ", \"title\": \"Pot\", \"price\": 1.00, \"inventory_count\": 1}");

    reply.assertProblem(403, "forbidden");
    assertThat(api.get("/api/producer/" + other.id()).json().path("products")).isEmpty();
    assertThat(api.get("/api/producer/" + owner.id()).json().path("products")).isEmpty();
  }

  @Test
  void create_whenFieldsBreakRules_answers422ListingEveryOne() {
    Reply reply =
        create("{\"producer_id\": 0, \"title\": \"\", \"price\": 0.09, \"inventory_count\": -1}");

    JsonNode problem = reply.assertProblem(422, "validation");
    assertThat(problem.path("errors").findValuesAsText("field"))
        .contains("producer_id", "title", "price", "inventory_count");
    assertThat(api.get("/api/producer/" + owner.id()).json().path("products")).isEmpty();
  }

  @Test
  void create_whenValuesAreOutOfRange_answers422() {
    String[] bodies = {
      "{\"title\": \"x\", \"price\": 1000000.01, \"inventory_count\": 1}",
      "{\"title\": \"x\", \"price\": 1.001, \"inventory_count\": 1}",
      "{\"title\": \"x\", \"price\": -5, \"inventory_count\": 1}",
      "{\"title\": \"x\", \"price\": 1e400, \"inventory_count\": 1}",
      "{\"title\": \"x\", \"price\": 1.00, \"inventory_count\": 2147483648}",
      "{\"title\": \"" + "t".repeat(256) + "\", \"price\": 1.00, \"inventory_count\": 1}",
      "{}",
      "{\"title\": null, \"price\": null, \"inventory_count\": null}"
    };
    for (String body : bodies) {
      create(body).assertProblem(422, "validation");
    }
    assertThat(api.get("/api/producer/" + owner.id()).json().path("products")).isEmpty();
  }

  @Test
  void create_acceptsTheLimitsOfEachRule() {
    Reply reply =
        create(
            "{\"title\": \""
                + "t".repeat(255)
                + "\", \"price\": 1000000.00, \"inventory_count\": 2147483647}");
    Reply cheapest = create("{\"title\": \"x\", \"price\": 0.10, \"inventory_count\": 0}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("price").toString()).isEqualTo("1000000.00");
    assertThat(cheapest.status()).isEqualTo(200);
  }

  @Test
  void get_answersTheProductWithItsETag() {
    long id = api.createProduct(owner.token(), "Spoon", "1.20", 4);

    Reply reply = api.get("/api/products/" + id);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("ETag")).matches("\"\\d+\"");
    assertThat(reply.json().path("title").asText()).isEqualTo("Spoon");
  }

  @Test
  void get_whenTheIdIsUnknownOrNotAPositiveInteger_answers404() {
    api.get("/api/products/987654321").assertProblem(404, "not-found");
    for (String id : new String[] {"abc", "0", "-1", "99999999999999999999", "1e3", "%D9%A3"}) {
      api.get("/api/products/" + id).assertProblem(404, "not-found");
    }
  }

  @Test
  void change_overwritesOnlyTheGivenFieldsAndChangesTheETag() {
    long id = api.createProduct(owner.token(), "Bowl", "4.00", 9);
    String tagBefore = api.get("/api/products/" + id).header("ETag");

    Reply reply = change(id, owner.token(), "{\"price\": 4.50, \"title\": null}");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode product = reply.json();
    assertThat(product.path("title").asText()).isEqualTo("Bowl");
    assertThat(product.path("price").toString()).isEqualTo("4.50");
    assertThat(product.path("inventory_count").asInt()).isEqualTo(9);
    assertThat(reply.header("ETag")).isNotEqualTo(tagBefore);
    assertThat(api.product(id)).isEqualTo(product);
  }

  @Test
  void change_acceptsCostAndTitleAndInventory() {
    long id = api.createProduct(owner.token(), "Bowl", "4.00", 9);

    Reply reply =
        change(id, owner.token(), "{\"cost\": 5, \"title\": \"Big bowl\", \"inventory_count\": 0}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("price").toString()).isEqualTo("5.00");
    assertThat(reply.json().path("title").asText()).isEqualTo("Big bowl");
    assertThat(reply.json().path("inventory_count").asInt()).isZero();
  }

  @Test
  void change_whenValuesBreakRules_answers422AndChangesNothing() {
    long id = api.createProduct(owner.token(), "Bowl", "4.00", 9);
    JsonNode before = api.product(id);

    change(id, owner.token(), "{\"title\": \"  \", \"inventory_count\": -3}")
        .assertProblem(422, "validation");
    change(id, owner.token(), "{\"price\": 1.00, \"cost\": 2.00}").assertProblem(422, "validation");
    change(id, owner.token(), "{\"producer_id\": -4}").assertProblem(422, "validation");

    assertThat(api.product(id)).isEqualTo(before);
  }

  @Test
  void change_byAnotherProducer_answers403AndChangesNothing() {
    long id = api.createProduct(owner.token(), "Bowl", "4.00", 9);
    JsonNode before = api.product(id);
    Api.Session other = api.registerProducer();

    change(id, other.token(), "{\"price\": 0.10}").assertProblem(403, "forbidden");
    change(id, owner.token(), "{\"producer_id\": " + other.id() + ", \"price\": 0.10}")
        .assertProblem(403, "forbidden");

    assertThat(api.product(id)).isEqualTo(before);
  }

  @Test
  void change_whenTheProductIsUnknown_answers404() {
    change(987654321, owner.token(), "{\"price\": 1.00}").assertProblem(404, "not-found");
    api.put("/api/products/abc", owner.token(), "{\"price\": 1.00}")
        .assertProblem(404, "not-found");
  }

  @Test
  void change_withAMatchingIfMatch_applies() {
    long id = api.createProduct(owner.token(), "Jar", "2.00", 1);
    String tag = api.get("/api/products/" + id).header("ETag");

    Reply reply =
        api.put("/api/products/" + id, owner.token(), "{\"price\": 2.50}", Map.of("If-Match", tag));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("price").toString()).isEqualTo("2.50");
  }

  @Test
  void change_withAStaleIfMatch_answers412AndChangesNothing() {
    long id = api.createProduct(owner.token(), "Jar", "2.00", 1);
    String stale = api.get("/api/products/" + id).header("ETag");
    change(id, owner.token(), "{\"inventory_count\": 5}");
    JsonNode before = api.product(id);

    for (String ifMatch :
        new String[] {stale, "W/" + stale, "\"abc\"", "garbage", stale + ", \"0\""}) {
      api.put(
              "/api/products/" + id,
              owner.token(),
              "{\"price\": 3.00}",
              Map.of("If-Match", ifMatch))
          .assertProblem(412, "precondition-failed");
    }

    assertThat(api.product(id)).isEqualTo(before);
  }

  @Test
  void change_withIfMatchStarOrAListHoldingTheCurrentTag_applies() {
    long id = api.createProduct(owner.token(), "Jar", "2.00", 1);
    String current = api.get("/api/products/" + id).header("ETag");

    Reply star =
        api.put("/api/products/" + id, owner.token(), "{\"price\": 2.10}", Map.of("If-Match", "*"));
    String afterStar = star.header("ETag");
    Reply list =
        api.put(
            "/api/products/" + id,
            owner.token(),
            "{\"price\": 2.20}",
            Map.of("If-Match", current + ", " + afterStar));

    assertThat(star.status()).isEqualTo(200);
    assertThat(list.status()).isEqualTo(200);
    assertThat(api.product(id).path("price").toString()).isEqualTo("2.20");
  }

  @Test
  void delete_removesTheProduct() {
    long id = api.createProduct(owner.token(), "Plate", "3.00", 2);

    Reply reply = api.delete("/api/products/" + id, owner.token());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("message").asText()).isNotBlank();
    api.get("/api/products/" + id).assertProblem(404, "not-found");
    api.delete("/api/products/" + id, owner.token()).assertProblem(404, "not-found");
  }

  @Test
  void delete_toleratesABodyNamingTheCaller() {
    long id = api.createProduct(owner.token(), "Plate", "3.00", 2);

    Reply reply =
        api.send(
            "DELETE",
            "/api/products/" + id,
            Api.auth(owner.token()),
            ("{\"producer_id\": " + owner.id() + "}").getBytes(UTF_8),
            Api.JSON);

    assertThat(reply.status()).isEqualTo(200);
    api.get("/api/products/" + id).assertProblem(404, "not-found");
  }

  @Test
  void delete_byAnotherProducerOrNamingAnother_answers403AndKeepsTheProduct() {
    long id = api.createProduct(owner.token(), "Plate", "3.00", 2);
    Api.Session other = api.registerProducer();

    api.delete("/api/products/" + id, other.token()).assertProblem(403, "forbidden");
    api.send(
            "DELETE",
            "/api/products/" + id,
            Api.auth(owner.token()),
            ("{\"producer_id\": " + other.id() + "}").getBytes(UTF_8),
            Api.JSON)
        .assertProblem(403, "forbidden");

    assertThat(api.product(id).path("title").asText()).isEqualTo("Plate");
  }

  @Test
  void delete_whenTheBodyIsMalformed_answers400AndKeepsTheProduct() {
    long id = api.createProduct(owner.token(), "Plate", "3.00", 2);

    api.send(
            "DELETE",
            "/api/products/" + id,
            Api.auth(owner.token()),
            "{\"producer_id\": \"me\"}".getBytes(UTF_8),
            Api.JSON)
        .assertProblem(400, "malformed-request");

    assertThat(api.product(id).path("title").asText()).isEqualTo("Plate");
  }

  @Test
  void delete_removesTheProductFromOpenCartsAndRepricesThem() {
    long kept = api.createProduct(owner.token(), "Fork", "1.50", 10);
    long gone = api.createProduct(owner.token(), "Knife", "2.00", 10);
    Api.Session cart = api.createCart();
    api.setLine(cart, kept, 2);
    api.setLine(cart, gone, 1);

    api.delete("/api/products/" + gone, owner.token());

    JsonNode view = api.cart(cart);
    assertThat(view.path("shopping_cart_entries").findValues("product_id"))
        .extracting(JsonNode::asLong)
        .containsExactly(kept);
    assertThat(view.path("cached_price").toString()).isEqualTo("3.00");
  }

  @Test
  void list_hidesSoldOutProductsUnlessAskedAndFiltersByProducer() {
    Api.Session seller = api.registerProducer();
    long inStock = api.createProduct(seller.token(), "A", "1.00", 1);
    long soldOut = api.createProduct(seller.token(), "B", "1.00", 0);
    long plenty = api.createProduct(seller.token(), "C", "1.00", 50);
    String mine = "/api/products?producer_id=" + seller.id();

    assertThat(ids(api.get(mine))).containsExactly(inStock, plenty);
    assertThat(ids(api.get(mine + "&min-inventory-count=0")))
        .containsExactly(inStock, soldOut, plenty);
    assertThat(ids(api.get(mine + "&min-inventory-count=10"))).containsExactly(plenty);
    assertThat(ids(api.get(mine + "&min-inventory-count=-5")))
        .containsExactly(inStock, soldOut, plenty);
    assertThat(ids(api.get("/api/products?min-inventory-count=0&limit=1000")))
        .contains(inStock, soldOut, plenty);
    assertThat(ids(api.get("/api/products?producer_id=987654321"))).isEmpty();
  }

  @Test
  void list_pagesWithALinkThatKeepsTheFilters() {
    Api.Session seller = api.registerProducer();
    long first = api.createProduct(seller.token(), "A", "1.00", 0);
    long second = api.createProduct(seller.token(), "B", "1.00", 0);
    long third = api.createProduct(seller.token(), "C", "1.00", 0);

    Reply page1 =
        api.get("/api/products?producer_id=" + seller.id() + "&min-inventory-count=0&limit=2");

    assertThat(ids(page1)).containsExactly(first, second);
    String link = page1.header("Link");
    assertThat(link)
        .endsWith("; rel=\"next\"")
        .contains("after=" + second)
        .contains("limit=2")
        .contains("producer_id=" + seller.id())
        .contains("min-inventory-count=0");
    Reply page2 = api.get(link.substring(link.indexOf("/api/products"), link.indexOf('>')));
    assertThat(ids(page2)).containsExactly(third);
    assertThat(page2.header("Link")).isNull();
  }

  @Test
  void list_whenAParameterIsNotAnIntegerOrOutOfRange_answers400() {
    String[] queries = {
      "min-inventory-count=abc",
      "min-inventory-count=1.5",
      "min-inventory-count=99999999999999999999",
      "producer_id=abc",
      "producer_id=0",
      "limit=0",
      "limit=1001",
      "limit=-1",
      "after=-1",
      "after=1.0"
    };
    for (String query : queries) {
      api.get("/api/products?" + query).assertProblem(400, "invalid-parameter");
    }
  }

  @Test
  void list_withQ_findsTheTitlesWhoseWordsStartWithEveryTerm() {
    Api.Session seller = api.registerProducer();
    long greenTea = api.createProduct(seller.token(), "Green tea, 100 g", "4.50", 5);
    api.createProduct(seller.token(), "Steam iron", "20.00", 5);
    long teapot = api.createProduct(seller.token(), "Teapot", "12.00", 0);
    String mine = "/api/products?producer_id=" + seller.id();

    assertThat(ids(api.get(mine + "&q=gre%20tea"))).containsExactly(greenTea);
    assertThat(ids(api.get(mine + "&q=TEA"))).containsExactly(greenTea);
    assertThat(ids(api.get(mine + "&q=tea&min-inventory-count=0")))
        .containsExactly(greenTea, teapot);
    assertThat(ids(api.get(mine + "&q=eam"))).isEmpty();
    assertThat(ids(api.get(mine + "&q=100%25+g"))).containsExactly(greenTea);
  }

  @Test
  void list_withQ_pagesWithALinkThatKeepsQEncoded() {
    Api.Session seller = api.registerProducer();
    long first = api.createProduct(seller.token(), "Thé vert 1", "1.00", 5);
    api.createProduct(seller.token(), "Thé noir", "1.00", 5);
    long second = api.createProduct(seller.token(), "Thé vert 2", "1.00", 5);
    long third = api.createProduct(seller.token(), "Vert thé 3", "1.00", 5);

    Reply page1 =
        api.get("/api/products?q=th%C3%A9%20VERT&producer_id=" + seller.id() + "&limit=2");

    assertThat(ids(page1)).containsExactly(first, second);
    String link = page1.header("Link");
    assertThat(link).contains("q=th%C3%A9%20VERT").contains("after=" + second);
    Reply page2 = api.get(link.substring(link.indexOf("/api/products"), link.indexOf('>')));
    assertThat(ids(page2)).containsExactly(third);
    assertThat(page2.header("Link")).isNull();
  }

  @Test
  void list_whenQIsEmptyTooLongHasNoTermOrTooMany_answers400() {
    String[] queries = {
      "q=", "q=" + "a".repeat(101), "q=%25", "q=%25_%5C", "q=%20%20", "q=a+b+c+d+e+f+g+h+i",
    };
    for (String query : queries) {
      JsonNode problem = api.get("/api/products?" + query).assertProblem(400, "invalid-parameter");
      assertThat(problem.path("detail").asText()).as(query).startsWith("Query parameter 'q' must");
    }
    assertThat(api.get("/api/products?q=" + "a".repeat(100)).status()).isEqualTo(200);
    assertThat(api.get("/api/products?q=a+b+c+d+e+f+g+h").status()).isEqualTo(200);
  }

  @Test
  void list_acceptsTheLimitsOfPaging() {
    assertThat(api.get("/api/products?limit=1").status()).isEqualTo(200);
    assertThat(api.get("/api/products?limit=1000&after=0").status()).isEqualTo(200);
  }

  @Test
  void writes_withoutAProducerToken_answer401() {
    long id = api.createProduct(owner.token(), "Cup", "1.00", 1);
    Api.Session cart = api.createCart();

    for (String token : new String[] {null, cart.token()}) {
      Reply create = createAs(token);
      create.assertProblem(401, "unauthenticated");
      assertThat(create.header("WWW-Authenticate")).startsWith("Bearer");
      change(id, token, "{\"price\": 9.00}").assertProblem(401, "unauthenticated");
      api.delete("/api/products/" + id, token).assertProblem(401, "unauthenticated");
    }

    assertThat(api.product(id).path("price").toString()).isEqualTo("1.00");
  }

  private Reply createAs(String token) {
    return api.post(
        "/api/products", token, "{\"title\": \"x\", \"price\": 1.00, \"inventory_count\": 1}");
  }

  private static List<Long> ids(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().isArray()).isTrue();
    return reply.json().findValues("id").stream().map(JsonNode::asLong).toList();
  }
}

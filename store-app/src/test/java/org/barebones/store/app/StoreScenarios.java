package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * The whole API over real HTTP, against the assembled server: the original API's own scenarios,
 * then the full flow of API.md, then what a careless or hostile client may send. Each test makes
 * its own producers and carts. Subclasses run it on H2 and on PostgreSQL.
 */
abstract class StoreScenarios extends ServerSuite {

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

  StoreScenarios(DropwizardAppExtension<StoreConfiguration> app) {
    super(app);
  }

  record Producer(long id, String username, String token) {}

  record Cart(long id, String token) {}

  // ---- the original API's scenarios ----

  @Test
  void producers_whenCreated_getIdsAndAreListedAndFound() {
    Producer first = newProducer();
    Producer second = newProducer();

    assertThat(first.id()).isPositive();
    assertThat(second.id()).isGreaterThan(first.id());

    Reply found = api.get("/api/producer/" + second.id());
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().get("id").asLong()).isEqualTo(second.id());
    assertThat(found.json().get("username").asText()).isEqualTo(second.username());
    assertThat(found.json().get("products")).isEmpty();
    assertThat(found.body()).doesNotContain("password").doesNotContain("pbkdf2");

    Reply listed = api.get("/api/producer?after=" + (first.id() - 1) + "&limit=2");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(ids(listed.json())).containsExactly(first.id(), second.id());

    assertThat(api.get("/api/producer/" + (second.id() + 1000)).status()).isEqualTo(404);
  }

  @Test
  void products_areFilteredByMinInventoryCount() {
    Producer producer = newProducer();
    long seventeen = newProduct(producer, "Seventeen", "10.00", 17);
    long thirteen = newProduct(producer, "Thirteen", "10.00", 13);
    long hundred = newProduct(producer, "Hundred", "10.00", 100);
    long soldOut = newProduct(producer, "Sold out", "10.00", 0);
    String mine = "/api/products?producer_id=" + producer.id();

    assertThat(ids(ok(api.get(mine + "&min-inventory-count=12"))))
        .containsExactly(seventeen, thirteen, hundred);
    assertThat(ids(ok(api.get(mine + "&min-inventory-count=14"))))
        .containsExactly(seventeen, hundred);
    assertThat(ids(ok(api.get(mine + "&min-inventory-count=99")))).containsExactly(hundred);
    assertThat(ids(ok(api.get(mine)))).containsExactly(seventeen, thirteen, hundred);
    assertThat(ids(ok(api.get(mine + "&min-inventory-count=0"))))
        .containsExactly(seventeen, thirteen, hundred, soldOut);

    assertThat(ok(api.get("/api/producer/" + producer.id())).get("products")).hasSize(4);
  }

  @Test
  void cart_cachedPrice_followsItsLines_andCheckoutLeavesTheRestInStock() {
    Producer producer = newProducer();
    long hundred = newProduct(producer, "Hundred", "100.00", 17);
    long fifty = newProduct(producer, "Fifty", "50.00", 13);
    Cart cart = newCart();

    JsonNode afterFive = setLine(cart, hundred, 5);
    assertThat(afterFive.get("cached_price").decimalValue()).isEqualByComparingTo("500");
    JsonNode afterThree = setLine(cart, hundred, 3);
    assertThat(afterThree.get("cached_price").decimalValue()).isEqualByComparingTo("300");
    setLine(cart, hundred, 1);
    JsonNode afterFifty = setLine(cart, fifty, 2);
    assertThat(afterFifty.get("cached_price").decimalValue()).isEqualByComparingTo("200");
    assertThat(afterFifty.get("shopping_cart_entries")).hasSize(2);
    assertThat(afterFifty.get("status").asText()).isEqualTo("open");
    assertThat(afterFifty.get("currency").asText()).isEqualTo("USD");

    Reply checkout = api.post("/api/shopping_cart/" + cart.id() + "/checkout", null, cart.token());
    assertThat(checkout.status()).as(checkout.toString()).isEqualTo(200);
    JsonNode order = checkout.json().get("order");
    assertThat(order.get("total").decimalValue()).isEqualByComparingTo("200");
    assertThat(order.get("shopping_cart_id").asLong()).isEqualTo(cart.id());

    assertThat(product(hundred).get("inventory_count").asInt()).isEqualTo(16);
    assertThat(product(fifty).get("inventory_count").asInt()).isEqualTo(11);
    JsonNode after = ok(api.get("/api/shopping_cart/" + cart.id(), cart.token()));
    assertThat(after.get("status").asText()).isEqualTo("checked_out");
    assertThat(after.get("order_id").asLong()).isEqualTo(order.get("id").asLong());
  }

  // ---- the full flow of API.md ----

  @Test
  void login_withTheRightPassword_issuesAWorkingToken_andAnyWrongOneIsTheSame401() {
    Producer producer = newProducer();

    Reply login =
        api.post(
            "/api/producer/login",
            Map.of("username", producer.username().toUpperCase(), "password", "correct horse"),
            null);
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    assertThat(login.json().get("producer").get("id").asLong()).isEqualTo(producer.id());
    String token = login.json().get("auth_token").asText();
    assertThat(api.post("/api/products", productBody("Via login", "1.00", 1), token).status())
        .isEqualTo(200);

    Reply wrongPassword =
        api.post(
            "/api/producer/login",
            Map.of("username", producer.username(), "password", "wrong horse"),
            null);
    Reply unknownUser =
        api.post(
            "/api/producer/login",
            Map.of("username", "nobody-" + producer.username(), "password", "correct horse"),
            null);
    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownUser.status()).isEqualTo(401);
    assertThat(wrongPassword.json().get("detail")).isEqualTo(unknownUser.json().get("detail"));
    assertThat(wrongPassword.body()).doesNotContain("auth_token");
  }

  @Test
  void producer_whenUsernameIsTakenInAnyCase_is409() {
    Producer producer = newProducer();
    Reply again =
        api.post(
            "/api/producer",
            Map.of("username", producer.username().toUpperCase(), "password", "another one"),
            null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void lists_arePagedByKeyset_withALinkToTheNextPageKeepingTheFilters() {
    Producer producer = newProducer();
    List<Long> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(newProduct(producer, "Paged " + i, "1.00", 20 + i));
    }
    String first = "/api/products?producer_id=" + producer.id() + "&min-inventory-count=21&limit=2";

    Reply page1 = api.get(first);
    assertThat(ids(ok(page1))).containsExactly(created.get(1), created.get(2));
    String next = nextLink(page1);
    assertThat(next)
        .contains("producer_id=" + producer.id())
        .contains("min-inventory-count=21")
        .contains("limit=2")
        .contains("after=" + created.get(2));

    Reply page2 = api.get(next);
    assertThat(ids(ok(page2))).containsExactly(created.get(3), created.get(4));
    // Exactly when more rows match: none after the last one here.
    assertThat(page2.header("Link")).isEmpty();

    assertThat(api.get("/api/products?limit=0").status()).isEqualTo(400);
    assertThat(api.get("/api/products?limit=1001").status()).isEqualTo(400);
    assertThat(api.get("/api/producer?limit=0").status()).isEqualTo(400);
  }

  @Test
  void search_findsWordStarts_pagesWithALinkKeepingQ_followsChanges_andRefusesABadQ()
      throws Exception {
    Producer producer = newProducer();
    long greenTea = newProduct(producer, "Green tea, 100 g", "4.50", 5);
    long iron = newProduct(producer, "Steam iron", "20.00", 5);
    long the1 = newProduct(producer, "Thé vert", "3.00", 5);
    long the2 = newProduct(producer, "THÉ noir", "3.00", 5);
    long the3 = newProduct(producer, "Vert thé", "3.00", 5);
    String mine = "/api/products?producer_id=" + producer.id();

    assertThat(ids(ok(api.get(mine + "&q=gre%20tea")))).containsExactly(greenTea);
    assertThat(ids(ok(api.get(mine + "&q=tea")))).containsExactly(greenTea);
    assertThat(ids(ok(api.get(mine + "&q=ste+IR")))).containsExactly(iron);
    assertThat(ids(ok(api.get(mine + "&q=100%25")))).containsExactly(greenTea);
    assertThat(ids(ok(api.get(mine + "&q=th%C3%A9")))).containsExactly(the1, the2, the3);

    // Paging through the Link, which keeps q as it was sent.
    Reply page1 = api.get(mine + "&q=TH%C3%89&limit=2");
    assertThat(ids(ok(page1))).containsExactly(the1, the2);
    String next = nextLink(page1);
    assertThat(next).contains("q=TH%C3%89").contains("after=" + the2);
    Reply page2 = api.get(next);
    assertThat(ids(ok(page2))).containsExactly(the3);
    assertThat(page2.header("Link")).isEmpty();

    // Sent unencoded (UTF-8 bytes in the request line), q still works and the Link is ASCII.
    String rawHead = rawGet(mine + "&q=th\u00e9+vert&limit=1");
    assertThat(rawHead).startsWith("HTTP/1.1 200");
    assertThat(rawHead).contains("q=th%C3%A9+vert").contains("after=" + the1);

    // A search page answers 304 like any page, until what it shows changes.
    Reply search = api.get(mine + "&q=vert");
    String tag = search.header("ETag").orElseThrow();
    assertThat(conditional(mine + "&q=vert", null, tag, Map.of()).status()).isEqualTo(304);
    ok(api.put("/api/products/" + the1, Map.of("title", "Thé noir"), producer.token()));
    Reply renamed = conditional(mine + "&q=vert", null, tag, Map.of());
    assertThat(ids(ok(renamed))).containsExactly(the3);
    assertThat(ids(ok(api.get(mine + "&q=noir")))).containsExactly(the1, the2);
    ok(api.delete("/api/products/" + the3, producer.token()));
    assertThat(ids(ok(api.get(mine + "&q=vert")))).isEmpty();

    for (String bad : List.of("", "%25_%5C", "a".repeat(101), "a+b+c+d+e+f+g+h+i")) {
      Reply refused = api.get(mine + "&q=" + bad);
      assertThat(refused.status()).as(bad).isEqualTo(400);
      assertThat(refused.problemType()).isEqualTo("/problems/invalid-parameter");
    }
  }

  /** A GET sent byte for byte, its non-ASCII characters as raw UTF-8: the answer's head. */
  private String rawGet(String target) throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app().getLocalPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.UTF_8));
      String answer =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return answer.substring(0, answer.indexOf("\r\n\r\n"));
    }
  }

  @Test
  void product_whenChangedByItsOwner_keepsTheFieldsNotSent_andOthersGet403() {
    Producer owner = newProducer();
    Producer other = newProducer();
    long id = newProduct(owner, "Original", "5.00", 7);

    Reply changed =
        api.put("/api/products/" + id, Map.of("cost", new BigDecimal("6.50")), owner.token());
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.json().get("price").decimalValue()).isEqualByComparingTo("6.50");
    assertThat(changed.json().get("title").asText()).isEqualTo("Original");
    assertThat(changed.json().get("inventory_count").asInt()).isEqualTo(7);

    assertThat(api.put("/api/products/" + id, Map.of("title", "Hijacked"), other.token()).status())
        .isEqualTo(403);
    assertThat(api.delete("/api/products/" + id, other.token()).status()).isEqualTo(403);
    assertThat(
            api.post("/api/products", productBody(owner.id(), "Forged", "1.00", 1), other.token())
                .status())
        .isEqualTo(403);
    assertThat(product(id).get("title").asText()).isEqualTo("Original");

    String etag = api.get("/api/products/" + id).header("ETag").orElseThrow();
    api.put("/api/products/" + id, Map.of("inventory_count", 8), owner.token());
    Reply stale =
        api.send(
            "PUT",
            "/api/products/" + id,
            Map.of("inventory_count", 1),
            owner.token(),
            Map.of("If-Match", etag));
    assertThat(stale.status()).isEqualTo(412);
    assertThat(product(id).get("inventory_count").asInt()).isEqualTo(8);

    Reply deleted = api.delete("/api/products/" + id, owner.token());
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(api.get("/api/products/" + id).status()).isEqualTo(404);
  }

  @Test
  void product_whenDeleted_leavesOpenCarts_andTheirPriceIsRecomputed() {
    Producer producer = newProducer();
    long kept = newProduct(producer, "Kept", "2.00", 5);
    long removed = newProduct(producer, "Removed", "3.00", 5);
    Cart cart = newCart();
    setLine(cart, kept, 1);
    setLine(cart, removed, 1);

    assertThat(api.delete("/api/products/" + removed, producer.token()).status()).isEqualTo(200);

    JsonNode view = ok(api.get("/api/shopping_cart/" + cart.id(), cart.token()));
    assertThat(view.get("shopping_cart_entries")).hasSize(1);
    assertThat(view.get("cached_price").decimalValue()).isEqualByComparingTo("2.00");
  }

  @Test
  void checkout_whenRepeated_answersTheSameOrder_andSellsOnce() {
    Producer producer = newProducer();
    long id = newProduct(producer, "Once", "4.00", 3);
    Cart cart = newCart();
    setLine(cart, id, 2);

    Reply first = api.post("/api/shopping_cart/" + cart.id() + "/checkout", null, cart.token());
    Reply second = api.post("/api/shopping_cart/" + cart.id() + "/checkout", null, cart.token());

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(second.json().get("order")).isEqualTo(first.json().get("order"));
    assertThat(product(id).get("inventory_count").asInt()).isEqualTo(1);
    assertThat(api.put("/api/shopping_cart/" + cart.id(), line(id, 1), cart.token()).status())
        .isEqualTo(409);
  }

  @Test
  void checkout_whenAPriceChanged_answers409WithTheChanges_andChangesNothing() {
    Producer producer = newProducer();
    long id = newProduct(producer, "Moving price", "10.00", 5);
    Cart cart = newCart();
    setLine(cart, id, 2);
    api.put("/api/products/" + id, Map.of("price", new BigDecimal("12.50")), producer.token());

    Reply refused =
        api.post(
            "/api/shopping_cart/" + cart.id() + "/checkout",
            Map.of("expected_total", new BigDecimal("20.00")),
            cart.token());

    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().get("type").asText()).isEqualTo("/problems/price-changed");
    JsonNode change = refused.json().get("changes").get(0);
    assertThat(change.get("product_id").asLong()).isEqualTo(id);
    assertThat(change.get("old_unit_price").decimalValue()).isEqualByComparingTo("10.00");
    assertThat(change.get("new_unit_price").decimalValue()).isEqualByComparingTo("12.50");
    assertThat(product(id).get("inventory_count").asInt()).isEqualTo(5);
    assertThat(ok(api.get("/api/shopping_cart/" + cart.id(), cart.token())).get("status").asText())
        .isEqualTo("open");

    Reply accepted =
        api.post(
            "/api/shopping_cart/" + cart.id() + "/checkout",
            Map.of("expected_total", new BigDecimal("25.00")),
            cart.token());
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    assertThat(accepted.json().get("order").get("total").decimalValue())
        .isEqualByComparingTo("25.00");
  }

  @Test
  void checkout_whenALineIsShort_answers409WithEveryShortage_andChangesNothing() {
    Producer producer = newProducer();
    long plenty = newProduct(producer, "Plenty", "1.00", 50);
    long scarce = newProduct(producer, "Scarce", "1.00", 5);
    Cart cart = newCart();
    setLine(cart, plenty, 10);
    setLine(cart, scarce, 4);
    api.put("/api/products/" + scarce, Map.of("inventory_count", 2), producer.token());

    Reply refused = api.post("/api/shopping_cart/" + cart.id() + "/checkout", null, cart.token());

    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().get("type").asText()).isEqualTo("/problems/insufficient-stock");
    JsonNode shortages = refused.json().get("shortages");
    assertThat(shortages).hasSize(1);
    assertThat(shortages.get(0).get("product_id").asLong()).isEqualTo(scarce);
    assertThat(shortages.get(0).get("requested").asInt()).isEqualTo(4);
    assertThat(shortages.get(0).get("available").asInt()).isEqualTo(2);
    assertThat(product(plenty).get("inventory_count").asInt()).isEqualTo(50);
    assertThat(product(scarce).get("inventory_count").asInt()).isEqualTo(2);

    assertThat(api.put("/api/shopping_cart/" + cart.id(), line(plenty, 51), cart.token()).status())
        .isEqualTo(409);
    Cart empty = newCart();
    assertThat(
            api.post("/api/shopping_cart/" + empty.id() + "/checkout", null, empty.token())
                .status())
        .isEqualTo(422);
  }

  @Test
  void order_isReadableWithItsCartsToken_only() {
    Producer producer = newProducer();
    long id = newProduct(producer, "Ordered", "3.25", 9);
    Cart cart = newCart();
    Cart otherCart = newCart();
    setLine(cart, id, 2);
    JsonNode order =
        ok(api.post("/api/shopping_cart/" + cart.id() + "/checkout", null, cart.token()))
            .get("order");
    String path = "/api/orders/" + order.get("id").asLong();

    JsonNode read = ok(api.get(path, cart.token()));
    assertThat(read.get("total").decimalValue()).isEqualByComparingTo("6.50");
    assertThat(read.get("currency").asText()).isEqualTo("USD");
    assertThat(read.get("created_at").asText()).isNotBlank();
    JsonNode orderLine = read.get("lines").get(0);
    assertThat(orderLine.get("title").asText()).isEqualTo("Ordered");
    assertThat(orderLine.get("unit_price").decimalValue()).isEqualByComparingTo("3.25");
    assertThat(orderLine.get("quantity").asInt()).isEqualTo(2);
    assertThat(orderLine.get("line_total").decimalValue()).isEqualByComparingTo("6.50");

    assertThat(api.get(path, otherCart.token()).status()).isEqualTo(403);
    assertThat(api.get(path, producer.token()).status()).isEqualTo(401);
    assertThat(api.get(path).status()).isEqualTo(401);
    assertThat(api.get("/api/orders/" + (order.get("id").asLong() + 1000), cart.token()).status())
        .isEqualTo(404);

    // Past orders keep their own copy of the title and price.
    api.put(
        "/api/products/" + id,
        Map.of("title", "Renamed", "price", new BigDecimal("9.99")),
        producer.token());
    assertThat(ok(api.get(path, cart.token())).get("lines").get(0).get("title").asText())
        .isEqualTo("Ordered");
  }

  // ---- a producer's sales (API.md, version 1.1) ----

  @Test
  void twoProducersInOneOrder_eachSeeAndShipOnlyTheirPart_andTheOrderMovesToShipped() {
    Producer ada = newProducer();
    Producer bob = newProducer();
    long lamp = newProduct(ada, "Lamp", "19.99", 5);
    long pen = newProduct(bob, "Pen", "0.50", 9);
    Cart cart = newCart();
    setLine(cart, lamp, 2);
    setLine(cart, pen, 4);
    JsonNode placed =
        ok(api.post("/api/shopping_cart/" + cart.id() + "/checkout", null, cart.token()))
            .get("order");
    long orderId = placed.get("id").asLong();
    String orderPath = "/api/orders/" + orderId;
    assertThat(placed.get("status").asText()).isEqualTo("placed");
    assertThat(placed.get("lines").findValuesAsText("producer_id"))
        .containsExactly(Long.toString(ada.id()), Long.toString(bob.id()));

    String adaOrders = "/api/producer/" + ada.id() + "/orders";
    JsonNode adas = ok(api.get(adaOrders, ada.token()));
    assertThat(ids(adas)).containsExactly(orderId);
    assertThat(adas.get(0).get("total").decimalValue()).isEqualByComparingTo("39.98");
    assertThat(adas.get(0).get("lines").findValuesAsText("title")).containsExactly("Lamp");
    JsonNode bobs = ok(api.get("/api/producer/" + bob.id() + "/orders", bob.token()));
    assertThat(bobs.get(0).get("total").decimalValue()).isEqualByComparingTo("2.00");
    assertThat(bobs.get(0).get("lines").findValuesAsText("title")).containsExactly("Pen");
    assertThat(api.get(adaOrders, bob.token()).status()).isEqualTo(403);
    assertThat(api.get(adaOrders, cart.token()).status()).isEqualTo(401);

    JsonNode adaShipped =
        ok(api.post(orderPath + "/shipment", Map.of("tracking", "DHL 1"), ada.token()));
    assertThat(adaShipped.get("status").asText()).isEqualTo("shipped");
    assertThat(adaShipped.get("tracking").asText()).isEqualTo("DHL 1");
    assertThat(adaShipped.get("shipped_at").asText()).isNotBlank();
    assertThat(ok(api.get(orderPath, cart.token())).get("status").asText())
        .isEqualTo("partially_shipped");
    assertThat(ok(api.post(orderPath + "/shipment", Map.of("tracking", "again"), ada.token())))
        .as("a repeat changes nothing")
        .isEqualTo(adaShipped);
    assertThat(ids(ok(api.get(adaOrders + "?status=pending", ada.token())))).isEmpty();
    assertThat(ids(ok(api.get(adaOrders + "?status=shipped", ada.token()))))
        .containsExactly(orderId);

    Producer stranger = newProducer();
    assertThat(api.post(orderPath + "/shipment", null, stranger.token()).status()).isEqualTo(404);
    assertThat(api.post(orderPath + "/shipment", null, cart.token()).status()).isEqualTo(401);
    assertThat(
            api.post(orderPath + "/shipment", Map.of("tracking", "x".repeat(256)), bob.token())
                .status())
        .isEqualTo(422);

    ok(api.post(orderPath + "/shipment", null, bob.token()));
    JsonNode shipped = ok(api.get(orderPath, cart.token()));
    assertThat(shipped.get("status").asText()).isEqualTo("shipped");
    assertThat(shipped.get("lines").findValuesAsText("status"))
        .containsExactly("shipped", "shipped");
    assertThat(shipped.get("lines").get(0).get("tracking").asText()).isEqualTo("DHL 1");
    assertThat(shipped.get("lines").get(1).get("tracking").isNull()).isTrue();
  }

  @Test
  void aProducerCancelsItsPart_onlyItsStockReturns_theOtherShips_andTheBuyerCancelsAFreshOrder() {
    Producer ada = newProducer();
    Producer bob = newProducer();
    long lamp = newProduct(ada, "Lamp", "19.99", 2);
    long pen = newProduct(bob, "Pen", "0.50", 9);
    Cart cart = newCart();
    setLine(cart, lamp, 2);
    setLine(cart, pen, 4);
    long orderId =
        ok(api.post("/api/shopping_cart/" + cart.id() + "/checkout", null, cart.token()))
            .get("order")
            .get("id")
            .asLong();
    String cancellation = "/api/orders/" + orderId + "/cancellation";
    assertThat(product(lamp).get("inventory_count").asInt()).isZero();

    JsonNode adas = ok(api.post(cancellation, Map.of("reason", "No lamps left"), ada.token()));
    assertThat(adas.get("status").asText()).isEqualTo("canceled");
    assertThat(adas.get("canceled_at").asText()).isNotBlank();
    assertThat(product(lamp).get("inventory_count").asInt()).as("A's stock is back").isEqualTo(2);
    assertThat(product(pen).get("inventory_count").asInt()).as("B's stays sold").isEqualTo(5);
    assertThat(
            ids(ok(api.get("/api/producer/" + ada.id() + "/orders?status=canceled", ada.token()))))
        .containsExactly(orderId);
    assertThat(api.post("/api/orders/" + orderId + "/shipment", null, ada.token()).status())
        .isEqualTo(409);
    ok(api.post("/api/orders/" + orderId + "/shipment", null, bob.token()));
    JsonNode order = ok(api.get("/api/orders/" + orderId, cart.token()));
    assertThat(order.get("status").asText()).isEqualTo("shipped");
    assertThat(order.get("lines").findValuesAsText("status"))
        .containsExactly("canceled", "shipped");
    Reply late = api.post(cancellation, null, bob.token());
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.problemType()).isEqualTo("/problems/already-shipped");

    Cart fresh = newCart();
    setLine(fresh, lamp, 1);
    setLine(fresh, pen, 5);
    long freshId =
        ok(api.post("/api/shopping_cart/" + fresh.id() + "/checkout", null, fresh.token()))
            .get("order")
            .get("id")
            .asLong();
    assertThat(product(pen).get("inventory_count").asInt()).isZero();
    JsonNode canceled =
        ok(api.post("/api/orders/" + freshId + "/cancellation", null, fresh.token()));
    assertThat(canceled.get("status").asText()).isEqualTo("canceled");
    assertThat(product(lamp).get("inventory_count").asInt()).isEqualTo(2);
    assertThat(product(pen).get("inventory_count").asInt()).isEqualTo(5);
    assertThat(ok(api.post("/api/orders/" + freshId + "/cancellation", null, fresh.token())))
        .as("a repeat answers the order as it is")
        .isEqualTo(canceled);
    assertThat(product(pen).get("inventory_count").asInt()).isEqualTo(5);
  }

  @Test
  void cart_whenDeleted_isGone() {
    Cart cart = newCart();
    Reply deleted = api.delete("/api/shopping_cart/" + cart.id(), cart.token());
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().has("message")).isTrue();
    assertThat(api.get("/api/shopping_cart/" + cart.id(), cart.token()).status()).isIn(401, 404);
  }

  @Test
  void operations_rootHealthMetricsAndPing_answer() {
    assertThat(api.get("/").status()).isEqualTo(200);
    StoreClient admin = new StoreClient(app().getAdminPort());
    Reply health = admin.get("/healthcheck");
    assertThat(health.status()).as(health.toString()).isEqualTo(200);
    assertThat(health.json().get("db").get("healthy").asBoolean()).isTrue();
    assertThat(admin.get("/ping").status()).isEqualTo(200);
    assertThat(admin.get("/metrics").status()).isEqualTo(200);
  }

  // ---- what careless or hostile clients send ----

  @Test
  void tokens_whenMissingMalformedTamperedOrOfTheWrongKind_are401_andChangeNothing() {
    Producer producer = newProducer();
    long id = newProduct(producer, "Guarded", "7.00", 4);
    Cart cart = newCart();
    Object change = Map.of("inventory_count", 0);

    List<String> badTokens =
        List.of(
            "garbage",
            "a.b.c",
            tamper(producer.token()),
            withAlgNone(producer.token()),
            cart.token());
    Reply none = api.put("/api/products/" + id, change, null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    for (String bad : badTokens) {
      Reply reply = api.put("/api/products/" + id, change, bad);
      assertThat(reply.status()).as(bad + " -> " + reply).isEqualTo(401);
      assertThat(reply.header("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }
    assertThat(api.get("/api/shopping_cart/" + cart.id(), producer.token()).status())
        .isEqualTo(401);
    assertThat(api.get("/api/shopping_cart/" + cart.id(), tamper(cart.token())).status())
        .isEqualTo(401);
    Cart other = newCart();
    assertThat(api.put("/api/shopping_cart/" + other.id(), line(id, 1), cart.token()).status())
        .isEqualTo(403);

    assertThat(product(id).get("inventory_count").asInt()).isEqualTo(4);
    assertThat(
            ok(api.get("/api/shopping_cart/" + other.id(), other.token()))
                .get("shopping_cart_entries"))
        .isEmpty();
  }

  @Test
  void badInput_isAnsweredWithTheRightProblem_neverA500_andChangesNothing() {
    Producer producer = newProducer();
    long id = newProduct(producer, "Steady", "7.00", 4);
    String before = api.get("/api/products/" + id).body();

    Reply malformed =
        api.send("PUT", "/api/products/" + id, "{\"title\": ", producer.token(), Map.of());
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    Reply wrongType =
        api.put("/api/products/" + id, Map.of("inventory_count", "lots"), producer.token());
    assertThat(wrongType.status()).isEqualTo(400);

    Reply invalid = api.post("/api/products", productBody("", "0.05", -1), producer.token());
    assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
    List<String> fields = new ArrayList<>();
    invalid.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
    assertThat(fields).contains("title", "price", "inventory_count");

    String huge = "x".repeat(70 * 1024);
    Reply oversized = api.post("/api/products", productBody(huge, "1.00", 1), producer.token());
    assertThat(oversized.status()).isEqualTo(413);

    assertThat(api.get("/api/products/abc").status()).isEqualTo(404);
    assertThat(api.get("/api/products/0").status()).isEqualTo(404);
    assertThat(api.get("/api/products/-1").status()).isEqualTo(404);
    assertThat(api.get("/api/products/99999999999999999999").status()).isEqualTo(404);
    assertThat(api.get("/api/producer/abc").status()).isEqualTo(404);
    assertThat(api.get("/api/products?min-inventory-count=abc").status()).isEqualTo(400);

    Cart cart = newCart();
    assertThat(api.put("/api/shopping_cart/" + cart.id(), line(id, -1), cart.token()).status())
        .isEqualTo(422);
    assertThat(
            api.put("/api/shopping_cart/" + cart.id(), line(id + 1000, 1), cart.token()).status())
        .isEqualTo(404);

    assertThat(api.get("/api/products/" + id).body()).isEqualTo(before);
    assertThat(ids(ok(api.get("/api/products?min-inventory-count=0&producer_id=" + producer.id()))))
        .containsExactly(id);
  }

  // ---- conditional GETs ----

  @Test
  void catalogueAndCart_answerConditionalGets_gzippedOrNot_andASaleOrAPriceChangeChangesTheTag() {
    Producer producer = newProducer();
    List<Long> products = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      products.add(newProduct(producer, "Conditional tea " + i, "2.00", 10));
    }
    String page = "/api/products?producer_id=" + producer.id();
    Map<String, String> gzip = Map.of("Accept-Encoding", "gzip");

    // Jetty's gzip handler gives the compressed answer a tag of its own and reads it back.
    Reply plain = api.get(page);
    Reply zipped = api.send("GET", page, null, null, gzip);
    String plainTag = plain.header("ETag").orElseThrow();
    String zippedTag = zipped.header("ETag").orElseThrow();
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plainTag).matches("\"[0-9a-f]+\"");
    assertThat(plain.header("Cache-Control")).contains("no-cache");
    assertThat(zipped.header("Content-Encoding")).contains("gzip");
    assertThat(zippedTag).isEqualTo(plainTag.replaceAll("\"$", "--gzip\""));

    Reply notModified = conditional(page, null, plainTag, Map.of());
    Reply zippedNotModified = conditional(page, null, zippedTag, gzip);
    for (Reply reply : List.of(notModified, zippedNotModified)) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(304);
      assertThat(reply.body()).isEmpty();
      assertThat(reply.header("Content-Length").orElse("0")).isEqualTo("0");
      assertThat(reply.header("Cache-Control")).contains("no-cache");
    }
    assertThat(notModified.header("ETag")).contains(plainTag);
    assertThat(zippedNotModified.header("ETag")).contains(zippedTag);

    // A sale changes the page's tag (and the product's); so does a price change.
    Cart cart = newCart();
    setLine(cart, products.get(0), 3);
    String cartPath = "/api/shopping_cart/" + cart.id();
    Reply view = api.get(cartPath, cart.token());
    String cartTag = view.header("ETag").orElseThrow();
    assertThat(view.header("Cache-Control")).contains("private, no-cache");
    Reply viewNotModified = conditional(cartPath, cart.token(), cartTag, gzip);
    assertThat(viewNotModified.status()).isEqualTo(304);
    assertThat(viewNotModified.body()).isEmpty();
    assertThat(viewNotModified.header("Cache-Control")).contains("private, no-cache");
    String productTag = api.get("/api/products/" + products.get(0)).header("ETag").orElseThrow();

    assertThat(api.post(cartPath + "/checkout", null, cart.token()).status()).isEqualTo(200);

    Reply afterSale = conditional(page, null, plainTag, Map.of());
    assertThat(afterSale.status()).isEqualTo(200);
    assertThat(afterSale.json().get(0).get("inventory_count").asInt()).isEqualTo(7);
    String saleTag = afterSale.header("ETag").orElseThrow();
    assertThat(saleTag).isNotEqualTo(plainTag);
    assertThat(conditional(page, null, zippedTag, gzip).status()).isEqualTo(200);
    assertThat(conditional("/api/products/" + products.get(0), null, productTag, Map.of()).status())
        .isEqualTo(200);
    assertThat(conditional(cartPath, cart.token(), cartTag, Map.of()).status()).isEqualTo(200);

    ok(api.put("/api/products/" + products.get(1), Map.of("price", 2.25), producer.token()));
    Reply afterPrice = conditional(page, null, saleTag, Map.of());
    assertThat(afterPrice.status()).isEqualTo(200);
    assertThat(afterPrice.header("ETag").orElseThrow()).isNotIn(plainTag, saleTag);
    assertThat(conditional(page, null, afterPrice.header("ETag").orElseThrow(), Map.of()).status())
        .isEqualTo(304);
  }

  private Reply conditional(
      String path, String token, String ifNoneMatch, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("If-None-Match", ifNoneMatch);
    return api.send("GET", path, null, token, all);
  }

  // ---- helpers ----

  protected Producer newProducer() {
    String username = getClass().getSimpleName().toLowerCase() + "-" + NAMES.incrementAndGet();
    Reply reply =
        api.post("/api/producer", Map.of("username", username, "password", "correct horse"), null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.header("Location")).isPresent();
    return new Producer(
        reply.json().get("producer").get("id").asLong(),
        username,
        reply.json().get("auth_token").asText());
  }

  protected long newProduct(Producer producer, String title, String price, int stock) {
    Reply reply = api.post("/api/products", productBody(title, price, stock), producer.token());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().get("producer_id").asLong()).isEqualTo(producer.id());
    assertThat(reply.json().get("price").decimalValue())
        .isEqualByComparingTo(new BigDecimal(price));
    return reply.json().get("id").asLong();
  }

  protected Cart newCart() {
    Reply reply = api.post("/api/shopping_cart", null, null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode cart = reply.json().get("shopping_cart");
    assertThat(cart.get("cached_price").decimalValue()).isEqualByComparingTo("0");
    return new Cart(cart.get("id").asLong(), reply.json().get("auth_token").asText());
  }

  protected JsonNode setLine(Cart cart, long productId, int quantity) {
    return ok(api.put("/api/shopping_cart/" + cart.id(), line(productId, quantity), cart.token()));
  }

  protected JsonNode product(long id) {
    return ok(api.get("/api/products/" + id));
  }

  protected static Map<String, Object> line(long productId, int quantity) {
    return Map.of("product_id", productId, "quantity", quantity);
  }

  protected static Map<String, Object> productBody(String title, String price, int stock) {
    return Map.of("title", title, "price", new BigDecimal(price), "inventory_count", stock);
  }

  protected static Map<String, Object> productBody(
      long producerId, String title, String price, int stock) {
    return Map.of(
        "producer_id",
        producerId,
        "title",
        title,
        "price",
        new BigDecimal(price),
        "inventory_count",
        stock);
  }

  protected static JsonNode ok(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  protected static List<Long> ids(JsonNode array) {
    List<Long> ids = new ArrayList<>();
    array.forEach(node -> ids.add(node.get("id").asLong()));
    return ids;
  }

  private static String nextLink(Reply reply) {
    String link = reply.header("Link").orElseThrow(() -> new AssertionError("no Link header"));
    Matcher matcher = NEXT_LINK.matcher(link);
    assertThat(matcher.find()).as(link).isTrue();
    return matcher.group(1);
  }

  /** The same token with one character of its payload changed, its signature kept. */
  private static String tamper(String token) {
    String[] parts = token.split("\\.");
    char[] payload = parts[1].toCharArray();
    int middle = payload.length / 2;
    payload[middle] = payload[middle] == 'A' ? 'B' : 'A';
    return parts[0] + "." + new String(payload) + "." + parts[2];
  }

  /** The same claims under an unsigned "alg: none" header. */
  private static String withAlgNone(String token) {
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    return header + "." + token.split("\\.")[1] + ".";
  }
}

package org.barebones.store.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Overrides;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.StoreClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The storefront ({@code /shop/}) and the producers' dashboard ({@code /dashboard/}) in a real
 * headless Chromium, used as a person would: fields found by their labels, buttons by their names,
 * products and orders by their headings (API.md 1.2, "The store has a face"). What the pages did is
 * checked through the API.
 */
class StorePagesIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String PASSWORD = "correct horse 1";

  private static Node server;
  private static String base;
  private static StoreClient api;
  private static Shop shop;

  @BeforeAll
  static void start() {
    server = Node.start(Overrides.defaults(Db.h2InMemory("pages")));
    base = "http://127.0.0.1:" + server.port();
    api = server.client();
    shop = new Shop(api);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  private static JsonNode product(long id) {
    return Shop.expect(200, api.get("/api/products/" + id)).json();
  }

  private static List<JsonNode> ownProducts(long producerId) {
    JsonNode page =
        Shop.expect(
                200,
                api.get("/api/products?min-inventory-count=0&limit=1000&producer_id=" + producerId))
            .json();
    List<JsonNode> products = new java.util.ArrayList<>();
    page.forEach(products::add);
    return products;
  }

  /** A word no other test's titles hold: letters and digits, so that a search finds it. */
  private static String uniqueWord() {
    return java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  /** Records the headers of every POST the page sends, then lets it through. */
  private static void recordPosts(PageUser user) {
    user.script(
        "window.posted = [];"
            + "const send = window.fetch;"
            + "window.fetch = (url, options) => {"
            + "  if (options && options.method === 'POST') {"
            + "    window.posted.push({url: String(url),"
            + "                        key: (options.headers || {})['Idempotency-Key'] || null});"
            + "  }"
            + "  return send(url, options);"
            + "};");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> posted(PageUser user) {
    return (List<Map<String, Object>>) user.script("return window.posted");
  }

  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  // ---- the pages are the server's own ----

  @Test
  void thePages_areServedByTheServer_andFetchNothingFromElsewhere() throws Exception {
    for (String path :
        List.of(
            "/shop/",
            "/dashboard/",
            "/shop/shop.js",
            "/dashboard/dashboard.js",
            "/assets/api.js",
            "/assets/json.js",
            "/assets/money.js",
            "/assets/ui.js",
            "/assets/store.css")) {
      HttpResponse<String> answer = get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(200);
      assertThat(answer.body()).as(path).doesNotContain("://").doesNotContain("@import");
    }
    assertThat(get("/shop/shop.js").headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/javascript");
    // The browser is told to load and call nothing but this origin.
    for (String path : List.of("/shop/", "/dashboard/", "/assets/api.js", "/shop")) {
      assertThat(get(path).headers().firstValue("Content-Security-Policy"))
          .as(path)
          .contains(PageHeaders.CONTENT_SECURITY_POLICY);
    }
    assertThat(PageHeaders.CONTENT_SECURITY_POLICY).startsWith("default-src 'self';");
    assertThat(get("/api/products").headers().firstValue("Content-Security-Policy")).isEmpty();
    try (PageUser user = new PageUser(base)) {
      for (String path : List.of("/shop/", "/dashboard/")) {
        user.open(path);
        assertThat(user.loadedResources()).allMatch(url -> url.startsWith(base + "/"));
        assertThat(user.loadedResources())
            .anyMatch(url -> url.endsWith("/assets/store.css"))
            .anyMatch(url -> url.endsWith("/assets/api.js"));
      }
    }
  }

  // ---- the dashboard ----

  @Test
  void dashboard_aProducerSignsUp_addsEditsAndDeletesProducts_andLogsInAgainWhenTheTokenExpires() {
    String username = Shop.uniqueUsername("maker");
    try (PageUser user = new PageUser(base)) {
      user.open("/dashboard/");
      recordPosts(user);
      WebElement login = user.section("Log in or sign up");
      user.fill(user.field(login, "Username"), username);
      user.fill(user.field(login, "Password"), "short");
      user.button(login, "Sign up").click();
      // The store's 422 for the password, next to the password.
      user.await(() -> !user.fieldMessage(user.field(login, "Password")).isEmpty());
      assertThat(user.fieldMessage(user.field(login, "Password"))).contains("8 to 1024 characters");
      assertThat(user.field(login, "Password").getAttribute("aria-invalid")).isEqualTo("true");
      assertThat(user.page().getText()).doesNotContain("{").doesNotContain("/problems/");

      user.fill(user.field(login, "Password"), PASSWORD);
      user.button(login, "Sign up").click();
      user.awaitText(user::page, "Signed in as " + username);
      long producerId =
          ((Number)
                  user.script(
                      "return JSON.parse(sessionStorage.getItem('barebones-store.producer')).id"))
              .longValue();
      assertThat(api.get("/api/producer/" + producerId).json().get("username").asText())
          .isEqualTo(username);

      // Add a product; a price below the minimum is refused next to the price.
      WebElement add = user.section("Add a product");
      user.fill(user.field(add, "Title"), "Green tea, 100 g");
      user.fill(user.field(add, "Price"), "0.05");
      user.fill(user.field(add, "Stock"), "17");
      user.button(add, "Add product").click();
      user.await(
          () -> !user.fieldMessage(user.field(user.section("Add a product"), "Price")).isEmpty());
      assertThat(user.fieldMessage(user.field(add, "Price"))).contains("0.10");
      user.fill(user.field(add, "Price"), "4.5");
      user.button(add, "Add product").click();
      WebElement tea = user.awaitItem(() -> user.section("Your products"), "Green tea, 100 g");
      assertThat(tea.getText()).contains("4.50").contains("17 in stock");
      JsonNode listed =
          ownProducts(producerId).stream()
              .filter(p -> p.get("title").asText().equals("Green tea, 100 g"))
              .findFirst()
              .orElseThrow();
      assertThat(listed.get("price").decimalValue()).isEqualByComparingTo("4.50");
      long teaId = listed.get("id").asLong();
      assertThat(listed.get("inventory_count").asInt()).isEqualTo(17);

      // Edit title, price and stock.
      user.fill(user.field(tea, "Title"), "Green tea, 250 g");
      user.fill(user.field(tea, "Price"), "9.90");
      user.fill(user.field(tea, "Stock"), "20");
      user.button(tea, "Save").click();
      WebElement edited = user.awaitItem(() -> user.section("Your products"), "Green tea, 250 g");
      assertThat(product(teaId).get("title").asText()).isEqualTo("Green tea, 250 g");
      assertThat(product(teaId).get("price").decimalValue()).isEqualByComparingTo("9.90");
      assertThat(product(teaId).get("inventory_count").asInt()).isEqualTo(20);

      // Two sell meanwhile: a new stock is not written over the sale unseen.
      Shop.Cart buyer = shop.newCart();
      Shop.expect(200, shop.putLine(buyer, teaId, 2));
      Shop.expect(200, shop.checkout(buyer));
      user.fill(user.field(edited, "Stock"), "30");
      user.button(edited, "Save").click();
      String said = user.awaitText(() -> edited, "The stock changed to 18");
      assertThat(said).contains("nothing was saved");
      assertThat(product(teaId).get("inventory_count").asInt()).isEqualTo(18);
      user.button(edited, "Save").click();
      user.awaitText(() -> edited, "Saved.");
      assertThat(product(teaId).get("inventory_count").asInt()).isEqualTo(30);

      // Add, then delete.
      user.fill(user.field(add, "Title"), "Spare mug");
      user.fill(user.field(add, "Price"), "7");
      user.fill(user.field(add, "Stock"), "1");
      user.button(add, "Add product").click();
      WebElement mug = user.awaitItem(() -> user.section("Your products"), "Spare mug");
      long mugId =
          ownProducts(producerId).stream()
              .filter(p -> p.get("title").asText().equals("Spare mug"))
              .findFirst()
              .orElseThrow()
              .get("id")
              .asLong();
      user.button(mug, "Delete").click();
      user.awaitText(user::page, "Deleted “Spare mug”.");
      assertThat(user.items(user.section("Your products"), "Spare mug")).isEmpty();
      assertThat(api.get("/api/products/" + mugId).status()).isEqualTo(404);

      // Sign up and both additions carried an Idempotency-Key, one per operation.
      List<Map<String, Object>> posts = posted(user);
      assertThat(posts)
          .filteredOn(p -> !String.valueOf(p.get("url")).contains("/login"))
          .allSatisfy(p -> assertThat(String.valueOf(p.get("key"))).matches(UUID_PATTERN));
      assertThat(posts.stream().map(p -> p.get("key")).distinct().count())
          .as("a new key per operation, the refused sign-up's and refused addition's included")
          .isEqualTo(posts.size());

      // The token expires (here: is no longer accepted): the page says so and asks to log in.
      user.script(
          "const s = JSON.parse(sessionStorage.getItem('barebones-store.producer'));"
              + "s.token = s.token.slice(0, -4) + 'AAAA';"
              + "sessionStorage.setItem('barebones-store.producer', JSON.stringify(s));");
      user.reload();
      user.awaitText(user::page, "Your session has expired. Log in again");
      WebElement again = user.section("Log in or sign up");
      assertThat(user.field(again, "Username").getAttribute("value")).isEqualTo(username);
      user.fill(user.field(again, "Password"), PASSWORD);
      user.field(again, "Password").sendKeys(Keys.ENTER); // Enter logs in
      user.awaitItem(() -> user.section("Your products"), "Green tea, 250 g");

      user.button(user.page(), "Log out").click();
      user.awaitText(user::page, "You are logged out");
      assertThat(user.script("return sessionStorage.getItem('barebones-store.producer')")).isNull();
      assertThat(user.section("Log in or sign up").isDisplayed()).isTrue();
    }
  }

  // ---- the storefront ----

  /** Searches the catalogue for {@code text} and waits for the results to be shown. */
  private static void search(PageUser user, String text) {
    WebElement products = user.section("Products");
    user.fill(user.field(products, "Search"), text);
    user.button(products, "Search").click();
    user.awaitText(() -> user.section("Products"), "matching “" + text + "”");
  }

  /** The cart the shop page keeps in localStorage. */
  private static Shop.Cart storedCart(PageUser user) {
    JsonNode stored =
        readJson((String) user.script("return localStorage.getItem('barebones-store.cart')"));
    return new Shop.Cart(stored.get("id").asLong(), stored.get("token").asText());
  }

  private static JsonNode readJson(String text) {
    try {
      return StoreClient.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void shop_aBuyerSearches_fillsACart_meetsShortagesAndAPriceChange_checksOut_andCancels() {
    Shop.Producer seller = shop.newProducer("grower");
    String suffix = uniqueWord();
    String greenTea = "Green tea " + suffix;
    String blackTea = "Black tea " + suffix;
    String iron = "Steam iron " + suffix;
    long green = shop.newProduct(seller, greenTea, "4.50", 5);
    long black = shop.newProduct(seller, blackTea, "3.20", 10);
    shop.newProduct(seller, iron, "25.00", 3);

    try (PageUser user = new PageUser(base)) {
      user.open("/shop/");
      recordPosts(user);
      search(user, "gre tea " + suffix);
      WebElement tea = user.awaitItem(() -> user.section("Products"), greenTea);
      assertThat(user.items(user.section("Products"), iron)).isEmpty();
      assertThat(user.items(user.section("Products"), blackTea)).isEmpty();
      assertThat(tea.getText()).contains("4.50").contains("5 in stock");

      // More than is in stock: said in words, with how many are left.
      user.fill(user.field(tea, "Quantity"), "6");
      user.button(tea, "Add to cart").click();
      String refused = user.awaitText(() -> tea, "left in stock");
      assertThat(refused).contains("Only 5 of “" + greenTea + "” left in stock.");
      assertThat(user.page().getText()).doesNotContain("{").doesNotContain("/problems/");

      // By keyboard: type the quantity, Tab to "Add to cart", press Enter.
      WebElement quantity = user.field(tea, "Quantity");
      user.fill(quantity, "2");
      quantity.sendKeys(Keys.TAB);
      assertThat(user.browser().switchTo().activeElement().getAccessibleName())
          .isEqualTo("Add to cart");
      user.browser().switchTo().activeElement().sendKeys(Keys.ENTER);
      WebElement cart = user.section("Your cart");
      user.awaitItem(() -> user.section("Your cart"), greenTea);
      user.awaitText(() -> user.section("Your cart"), "Total: 9.00 USD");
      Shop.Cart stored = storedCart(user);
      assertThat(shop.cart(stored).json().get("cached_price").decimalValue())
          .isEqualByComparingTo("9.00");

      // The one cart creation carried an Idempotency-Key.
      assertThat(posted(user))
          .filteredOn(p -> String.valueOf(p.get("url")).endsWith("/api/shopping_cart"))
          .singleElement()
          .satisfies(p -> assertThat(String.valueOf(p.get("key"))).matches(UUID_PATTERN));

      // A reload keeps the cart.
      user.reload();
      user.awaitItem(() -> user.section("Your cart"), greenTea);
      assertThat(user.section("Your cart").getText()).contains("Total: 9.00 USD");
      assertThat(
              user.field(user.item(user.section("Your cart"), greenTea), "Quantity")
                  .getAttribute("value"))
          .isEqualTo("2");

      // Black tea in, then out; green tea up to 3.
      search(user, blackTea);
      WebElement blackCard = user.awaitItem(() -> user.section("Products"), blackTea);
      user.button(blackCard, "Add to cart").click();
      user.awaitText(() -> user.section("Your cart"), "Total: 12.20 USD");
      user.button(user.item(user.section("Your cart"), blackTea), "Remove").click();
      user.await(() -> user.items(user.section("Your cart"), blackTea).isEmpty());
      user.awaitText(() -> user.section("Your cart"), "Total: 9.00 USD");
      WebElement line = user.item(user.section("Your cart"), greenTea);
      user.fill(user.field(line, "Quantity"), "3");
      user.button(line, "Save").click();
      user.awaitText(() -> user.section("Your cart"), "Total: 13.50 USD");
      assertThat(shop.cart(stored).json().get("shopping_cart_entries")).hasSize(1);

      // Another buyer takes 3 of the 5: the checkout is refused with what is left.
      Shop.Cart rival = shop.newCart();
      Shop.expect(200, shop.putLine(rival, green, 3));
      Shop.expect(200, shop.checkout(rival));
      cart = user.section("Your cart");
      user.button(cart, "Check out").click();
      String shortage = user.awaitText(() -> user.section("Your cart"), "left in stock");
      assertThat(shortage)
          .contains("Only 2 of “" + greenTea + "” left in stock; your cart holds 3.")
          .contains("Nothing was bought");
      assertThat(product(green).get("inventory_count").asInt()).isEqualTo(2);

      // Down to 2; the producer raises the price meanwhile: the new price is said, then bought.
      line = user.item(user.section("Your cart"), greenTea);
      user.fill(user.field(line, "Quantity"), "2");
      user.button(line, "Save").click();
      user.awaitText(() -> user.section("Your cart"), "Total: 9.00 USD");
      Shop.expect(
          200,
          api.put(
              "/api/products/" + green,
              Map.of("price", new java.math.BigDecimal("5.00")),
              seller.token()));
      user.button(user.section("Your cart"), "Check out").click();
      String moved = user.awaitText(() -> user.section("Your cart"), "now costs");
      assertThat(moved)
          .contains("“" + greenTea + "” now costs 5.00 USD (it was 4.50 USD).")
          .contains("Your total is now 10.00 USD");
      user.awaitText(() -> user.section("Your cart"), "Total: 10.00 USD");
      user.button(user.section("Your cart"), "Check out").click();
      WebElement order = user.section("Your order");
      user.awaitText(() -> user.section("Your order"), "is placed");
      assertThat(order.getText())
          .contains("Placed")
          .contains("Total: 10.00 USD")
          .contains(greenTea);
      assertThat(user.section("Your cart").getText()).contains("Your cart is empty.");
      assertThat(user.script("return localStorage.getItem('barebones-store.cart')")).isNull();
      assertThat(shop.cart(stored).json().get("status").asText()).isEqualTo("checked_out");
      long orderId = shop.cart(stored).json().get("order_id").asLong();
      assertThat(shop.order(orderId, stored).json().get("total").decimalValue())
          .isEqualByComparingTo("10.00");
      assertThat(product(green).get("inventory_count").asInt()).isZero();

      // A reload still shows the order; it is canceled while pending, and the stock comes back.
      user.reload();
      user.awaitText(() -> user.section("Your order"), "Order " + orderId);
      user.button(user.section("Your order"), "Cancel").click();
      user.awaitText(() -> user.section("Your order"), "Your order is canceled.");
      assertThat(user.section("Your order").getText()).contains("Status: Canceled");
      assertThat(user.hasButton(user.section("Your order"), "Cancel")).isFalse();
      assertThat(shop.order(orderId, stored).json().get("status").asText()).isEqualTo("canceled");
      assertThat(product(green).get("inventory_count").asInt()).isEqualTo(2);
    }
  }

  // ---- a whole sale, both pages ----

  /** Logs in on the dashboard through its form. */
  private static void logIn(PageUser user, Shop.Producer producer) {
    user.open("/dashboard/");
    WebElement login = user.section("Log in or sign up");
    user.fill(user.field(login, "Username"), producer.username());
    user.fill(user.field(login, "Password"), Shop.PASSWORD);
    user.button(login, "Log in").click();
    user.awaitText(user::page, "Signed in as " + producer.username());
  }

  /** Buys {@code quantity} of the product titled {@code title} on the shop page; the order's id. */
  private static long buyOnThePage(PageUser user, String title, int quantity) {
    user.open("/shop/");
    search(user, title);
    WebElement card = user.awaitItem(() -> user.section("Products"), title);
    user.fill(user.field(card, "Quantity"), String.valueOf(quantity));
    user.button(card, "Add to cart").click();
    user.awaitItem(() -> user.section("Your cart"), title);
    user.button(user.section("Your cart"), "Check out").click();
    user.awaitText(() -> user.section("Your order"), "is placed");
    return readJson(
            (String) user.script("return localStorage.getItem('barebones-store.last-order')"))
        .get("id")
        .asLong();
  }

  @Test
  void aSale_theBuyerOrdersOnTheShop_theProducerShipsWithTracking_andCancelsAnother_theBuyerSeesIt()
      throws Exception {
    Shop.Producer seller = shop.newProducer("shipper");
    String suffix = uniqueWord();
    String lamp = "Desk lamp " + suffix;
    String vase = "Glass vase " + suffix;
    long lampId = shop.newProduct(seller, lamp, "19.99", 4);
    long vaseId = shop.newProduct(seller, vase, "12.00", 3);
    long shipped;
    try (PageUser user = new PageUser(base)) {
      user.browser().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
      shipped = buyOnThePage(user, lamp, 2);
      long canceled = buyOnThePage(user, vase, 1);
      assertThat(product(vaseId).get("inventory_count").asInt()).isEqualTo(2);

      // The picture README shows: the catalogue, a cart and the last order.
      user.open("/shop/");
      search(user, suffix);
      user.button(user.awaitItem(() -> user.section("Products"), lamp), "Add to cart").click();
      user.awaitItem(() -> user.section("Your cart"), lamp);
      screenshot(user, "shop.png");

      logIn(user, seller);
      WebElement orders = user.section("Your orders");
      assertThat(
              new org.openqa.selenium.support.ui.Select(user.field(orders, "Show"))
                  .getFirstSelectedOption()
                  .getText())
          .isEqualTo("Pending");
      WebElement first = user.awaitItem(() -> user.section("Your orders"), "Order " + shipped);
      assertThat(first.getText()).contains(lamp).contains("39.98 USD");
      user.fill(user.field(first, "Tracking"), "DHL 00340434");
      user.button(first, "Ship").click();
      user.awaitText(
          () -> user.item(user.section("Your orders"), "Order " + shipped),
          "tracking: DHL 00340434");
      assertThat(user.hasButton(user.item(user.section("Your orders"), "Order " + shipped), "Ship"))
          .isFalse();

      WebElement second = user.item(user.section("Your orders"), "Order " + canceled);
      user.button(second, "Cancel").click();
      user.awaitText(
          () -> user.item(user.section("Your orders"), "Order " + canceled), "Canceled.");
      assertThat(product(vaseId).get("inventory_count").asInt()).isEqualTo(3);
      assertThat(product(lampId).get("inventory_count").asInt()).isEqualTo(2);

      // Every order, by the filter: the picture README shows.
      new org.openqa.selenium.support.ui.Select(user.field(user.section("Your orders"), "Show"))
          .selectByVisibleText("All orders");
      user.await(() -> user.page().findElements(By.cssSelector("[aria-busy]")).isEmpty());
      user.awaitText(
          () -> user.item(user.section("Your orders"), "Order " + canceled), "Status: Canceled");
      screenshot(user, "dashboard.png");

      // Shipped orders only.
      new org.openqa.selenium.support.ui.Select(user.field(user.section("Your orders"), "Show"))
          .selectByVisibleText("Shipped");
      user.awaitItem(() -> user.section("Your orders"), "Order " + shipped);
      user.await(() -> user.items(user.section("Your orders"), "Order " + canceled).isEmpty());

      // The buyer's page (the last order: the vase's, canceled by the producer).
      user.open("/shop/");
      user.awaitText(() -> user.section("Your order"), "Order " + canceled);
      assertThat(user.section("Your order").getText()).contains("Status: Canceled");
      assertThat(user.hasButton(user.section("Your order"), "Cancel")).isFalse();
    }
    // The lamp's buyer sees the tracking: the API agrees with what the dashboard showed.
    JsonNode parts =
        Shop.expect(
                200,
                api.get("/api/producer/" + seller.id() + "/orders?status=shipped", seller.token()))
            .json();
    assertThat(parts).hasSize(1);
    assertThat(parts.get(0).get("id").asLong()).isEqualTo(shipped);
    assertThat(parts.get(0).get("tracking").asText()).isEqualTo("DHL 00340434");
  }

  private static void screenshot(PageUser user, String name) throws Exception {
    user.script("window.scrollTo(0, 0); document.activeElement.blur()");
    Files.write(Path.of("target", name), user.browser().getScreenshotAs(OutputType.BYTES));
  }

  // ---- a phone's width ----

  private static final String HORIZONTAL_SCROLL =
      "return document.documentElement.scrollWidth - document.documentElement.clientWidth";

  @Test
  void atAPhonesWidth_neitherPageScrollsSideways_withLongTitlesACartAnOrderAndMessages()
      throws Exception {
    String suffix = uniqueWord();
    Shop.Producer seller = shop.newProducer("phone");
    String longWord = "Unbreakablewordthatgoesonandonwithoutanyspaceatall " + suffix;
    shop.newProduct(seller, longWord, "123456.00", 2);
    String tea = "Oolong tea " + suffix;
    shop.newProduct(seller, tea, "12.40", 9);
    try (PageUser user = new PageUser(base)) {
      user.phoneWidth();
      buyOnThePage(user, tea, 1);
      user.open("/shop/");
      search(user, suffix);
      WebElement card = user.awaitItem(() -> user.section("Products"), longWord);
      user.fill(user.field(card, "Quantity"), "5");
      user.button(card, "Add to cart").click();
      user.awaitText(() -> card, "left in stock");
      user.fill(user.field(card, "Quantity"), "1");
      user.button(card, "Add to cart").click();
      user.awaitItem(() -> user.section("Your cart"), longWord);
      assertThat(((Number) user.script("return window.innerWidth")).intValue()).isEqualTo(390);
      assertThat(((Number) user.script(HORIZONTAL_SCROLL)).intValue()).isLessThanOrEqualTo(0);
      screenshot(user, "shop-phone.png");
      assertThat(user.checkControlsAreNamed()).isGreaterThanOrEqualTo(8);

      logIn(user, seller);
      user.awaitItem(() -> user.section("Your products"), longWord);
      user.awaitItem(() -> user.section("Your orders"), "Order " + lastOrderId(user, seller));
      assertThat(((Number) user.script(HORIZONTAL_SCROLL)).intValue()).isLessThanOrEqualTo(0);
      assertThat(user.checkControlsAreNamed()).isGreaterThanOrEqualTo(12);

      // The check can fail: one element wider than the phone makes the page scroll sideways.
      user.script(
          "const wide = document.createElement('div'); wide.style.width = '600px';"
              + "wide.textContent = 'x'; document.body.append(wide);");
      assertThat(((Number) user.script(HORIZONTAL_SCROLL)).intValue()).isPositive();
    }
  }

  private static long lastOrderId(PageUser user, Shop.Producer seller) {
    JsonNode parts =
        Shop.expect(200, api.get("/api/producer/" + seller.id() + "/orders", seller.token()))
            .json();
    return parts.get(parts.size() - 1).get("id").asLong();
  }

  // ---- problems in words ----

  /** Replaces the page's fetch with one that answers every call so (and records the keys). */
  private static void answerEveryCall(PageUser user, int status, String body) {
    user.script(
        "const status = arguments[0], body = arguments[1];"
            + "window.sent = [];"
            + "window.fetch = (url, options) => {"
            + "  window.sent.push((options.headers || {})['Idempotency-Key'] || null);"
            + "  return Promise.resolve(new Response(body, {status,"
            + "      headers: {'Content-Type': 'application/problem+json'}}));"
            + "};",
        status,
        body);
  }

  @Test
  void problems_areSaidInWords_tooManyCarts_unavailable_unreachable_expiredCart() throws Exception {
    Shop.Producer seller = shop.newProducer("words");
    String suffix = uniqueWord();
    String jam = "Plum jam " + suffix;
    shop.newProduct(seller, jam, "3.10", 10);

    // 429: a server that lets an address open one cart per hour, already used.
    try (Node limited =
            Node.start(
                Overrides.defaults(Db.h2InMemory("pages-limited"))
                    .set("cartCreationLimit.maxPerAddress", "1")
                    .set("cartCreationLimit.window", "30m"));
        PageUser user = new PageUser("http://127.0.0.1:" + limited.port())) {
      Shop limitedShop = limited.shop();
      Shop.Producer other = limitedShop.newProducer("limited");
      limitedShop.newProduct(other, jam, "3.10", 10);
      limitedShop.newCart();
      user.open("/shop/");
      WebElement card = user.awaitItem(() -> user.section("Products"), jam);
      user.button(card, "Add to cart").click();
      String said = user.awaitText(() -> card, "Too many new carts");
      assertThat(said).containsPattern("Try again in about (29|30) minutes\\.");
      assertThat(user.page().getText()).doesNotContain("{").doesNotContain("429");
    }

    try (PageUser user = new PageUser(base)) {
      user.open("/shop/");
      search(user, jam);
      WebElement card = user.awaitItem(() -> user.section("Products"), jam);

      // 503: said so, after two quiet retries with the same Idempotency-Key.
      answerEveryCall(
          user,
          503,
          "{\"type\":\"/problems/unavailable\",\"title\":\"Unavailable\",\"status\":503}");
      user.button(card, "Add to cart").click();
      assertThat(user.awaitText(() -> card, "unavailable"))
          .contains("The store is unavailable at the moment. Try again shortly.");
      @SuppressWarnings("unchecked")
      List<Object> keys = (List<Object>) user.script("return window.sent");
      assertThat(keys).hasSize(3);
      assertThat(keys.stream().distinct().toList())
          .singleElement()
          .asString()
          .matches(UUID_PATTERN);

      // No network: said so.
      user.script("window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));");
      user.button(card, "Add to cart").click();
      assertThat(user.awaitText(() -> card, "cannot be reached"))
          .contains("The store cannot be reached. Check your connection, then try again.");
    }

    // A cart that is gone (deleted, or swept when idle): the page starts a fresh one, says so.
    try (PageUser user = new PageUser(base)) {
      Shop.Cart gone = shop.newCart();
      Shop.expect(200, api.delete("/api/shopping_cart/" + gone.id(), gone.token()));
      user.open("/shop/");
      user.script(
          "localStorage.setItem('barebones-store.cart', JSON.stringify(arguments[0]))",
          Map.of("id", gone.id(), "token", gone.token()));
      user.reload();
      user.awaitText(() -> user.section("Your cart"), "Your earlier cart is no longer there");
      assertThat(user.script("return localStorage.getItem('barebones-store.cart')")).isNull();
      search(user, jam);
      WebElement card = user.awaitItem(() -> user.section("Products"), jam);
      user.button(card, "Add to cart").click();
      user.awaitItem(() -> user.section("Your cart"), jam);
      assertThat(storedCart(user).id()).isNotEqualTo(gone.id());
    }
  }
}

package org.barebones.store.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Overrides;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.http.OpenApiDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What integrators and operators use: the OpenAPI document and Swagger UI (in a real headless
 * browser), CORS for a storefront on another origin (over HTTP and from the browser), and the
 * Prometheus metrics with the store's own counters.
 */
class IntegratorsIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpServer storefront;
  private static String storefrontOrigin;
  private static Node server;
  private static StoreClient api;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    // The storefront's origin: another local port serving one page.
    storefront = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    storefront.createContext(
        "/storefront.html",
        exchange -> {
          byte[] page;
          try (InputStream in = IntegratorsIT.class.getResourceAsStream("storefront.html")) {
            page = in.readAllBytes();
          }
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
          }
        });
    storefront.start();
    storefrontOrigin = "http://127.0.0.1:" + storefront.getAddress().getPort();

    server =
        Node.start(
            Overrides.defaults(Db.h2InMemory("integrators"))
                .set("cors.allowedOrigins", storefrontOrigin));
    base = "http://127.0.0.1:" + server.port();
    api = server.client();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (storefront != null) {
      storefront.stop(0);
    }
  }

  private static HttpResponse<String> raw(String method, String url, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  private static String producerToken() {
    StoreClient.Reply created =
        api.post(
            "/api/producer",
            Map.of("username", "integrator" + System.nanoTime(), "password", "pass-word-1"),
            null);
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json().get("auth_token").asText();
  }

  private static long product(String token, String price, int stock) {
    StoreClient.Reply created =
        api.post(
            "/api/products",
            Map.of(
                "title",
                "Tea " + price,
                "price",
                new java.math.BigDecimal(price),
                "inventory_count",
                stock),
            token);
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json().get("id").asLong();
  }

  /** Opens a cart holding {@code quantity} of {@code product}; answers {id, token}. */
  private static String[] cartWith(long product, int quantity) {
    StoreClient.Reply opened = api.post("/api/shopping_cart", null, null);
    assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
    String id = opened.json().get("shopping_cart").get("id").asText();
    String token = opened.json().get("auth_token").asText();
    StoreClient.Reply put =
        api.put(
            "/api/shopping_cart/" + id, Map.of("product_id", product, "quantity", quantity), token);
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    return new String[] {id, token};
  }

  // ---- the document ----

  @Test
  void theDocument_isServedAsJsonAndYaml_asWritten() throws Exception {
    HttpResponse<String> json = raw("GET", base + "/openapi.json", Map.of());
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(StoreClient.JSON.readTree(json.body()))
        .isEqualTo(StoreClient.JSON.readTree(OpenApiDocument.json()));
    HttpResponse<String> yaml = raw("GET", base + "/openapi.yaml", Map.of());
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
    assertThat(yaml.body()).isEqualTo(OpenApiDocument.yaml());
    StoreClient.Reply hello = api.get("/");
    assertThat(hello.body()).isEqualTo("Hello!");
    assertThat(hello.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
  }

  @Test
  void everyAnswerOfTheHarnessClient_isValidated_andAnUndescribedOneFailsTheTest() {
    // The control for the META-INF/services observer: the storefront's server answers 200 with
    // HTML at a path the document does not list, which the store never would.
    StoreClient stranger = new StoreClient(storefrontOrigin, Duration.ofSeconds(5));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> stranger.get("/storefront.html"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("does not match the OpenAPI document")
        .hasMessageContaining("undescribed response");
  }

  @Test
  void swaggerUi_isServedByTheServerItself() throws Exception {
    HttpResponse<String> page = raw("GET", base + "/docs/", Map.of());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("ui/swagger-ui-bundle.js").doesNotContain("://");
    assertThat(raw("GET", base + "/docs/ui/swagger-ui-bundle.js", Map.of()).statusCode())
        .isEqualTo(200);
    assertThat(raw("GET", base + "/docs/docs.js", Map.of()).body()).contains("../openapi.json");
  }

  @Test
  void swaggerUi_inABrowser_rendersTheOperations_andTriesOutTheProductList() throws Exception {
    product(producerToken(), "4.50", 17);
    ChromeDriver browser = Browser.open();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      browser.get(base + "/docs/");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock")));
      List<WebElement> operations = browser.findElements(By.cssSelector(".opblock-summary"));
      List<String> paths =
          browser.findElements(By.cssSelector(".opblock-summary-path")).stream()
              .map(e -> e.getAttribute("data-path"))
              .toList();
      assertThat(operations).hasSizeGreaterThanOrEqualTo(20);
      assertThat(paths)
          .contains(
              "/api/products", "/api/shopping_cart/{id}/checkout", "/api/producer/{id}/orders");

      WebElement list = browser.findElement(By.id("operations-products-listProducts"));
      list.findElement(By.cssSelector(".opblock-summary")).click();
      WebElement tryOut =
          wait.until(
              ExpectedConditions.elementToBeClickable(
                  By.cssSelector("#operations-products-listProducts .try-out__btn")));
      tryOut.click();
      wait.until(
              ExpectedConditions.elementToBeClickable(
                  By.cssSelector("#operations-products-listProducts .execute")))
          .click();
      By statusCell =
          By.cssSelector(
              "#operations-products-listProducts .live-responses-table tbody .response-col_status");
      wait.until(ExpectedConditions.presenceOfElementLocated(statusCell));
      assertThat(browser.findElement(statusCell).getText()).startsWith("200");
      String body =
          browser
              .findElement(
                  By.cssSelector(
                      "#operations-products-listProducts .live-responses-table tbody"
                          + " .response-col_description .highlight-code pre"))
              .getText();
      JsonNode products = StoreClient.JSON.readTree(body);
      assertThat(products.isArray()).isTrue();
      assertThat(products)
          .anySatisfy(p -> assertThat(p.get("title").asText()).isEqualTo("Tea 4.50"));

      // The picture README shows: the executed request and its 200 in view.
      browser.executeScript(
          "arguments[0].scrollIntoView({block: 'center'})", browser.findElement(statusCell));
      Path shot = Path.of("target", "swagger-ui.png");
      Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.quit();
    }
  }

  // ---- CORS ----

  @Test
  void cors_preflightOfAnAllowedOrigin_isAnswered_withTheMethodsAndHeaders() throws Exception {
    HttpResponse<String> preflight =
        raw(
            "OPTIONS",
            base + "/api/shopping_cart/1",
            Map.of(
                "Origin", storefrontOrigin,
                "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers",
                    "authorization,content-type,if-match,if-none-match"));
    assertThat(preflight.statusCode()).isBetween(200, 204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
        .contains(storefrontOrigin);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("PUT", "GET", "POST", "DELETE");
    assertThat(
            preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("authorization", "content-type", "if-match", "if-none-match");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).contains("600");
  }

  @Test
  void cors_anAllowedOrigin_mayReadLinkETagLocationAndRetryAfter() throws Exception {
    HttpResponse<String> list =
        raw("GET", base + "/api/products?limit=1", Map.of("Origin", storefrontOrigin));
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("Access-Control-Allow-Origin")).contains(storefrontOrigin);
    assertThat(list.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
        .contains("Link", "ETag", "Location", "Retry-After");
  }

  @Test
  void cors_aDisallowedOrigin_getsNoCorsHeaders() throws Exception {
    String other = "http://127.0.0.1:1";
    HttpResponse<String> list = raw("GET", base + "/api/products", Map.of("Origin", other));
    HttpResponse<String> preflight =
        raw(
            "OPTIONS",
            base + "/api/products",
            Map.of("Origin", other, "Access-Control-Request-Method", "POST"));
    for (HttpResponse<String> response : List.of(list, preflight)) {
      assertThat(response.headers().map().keySet())
          .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }
    assertThat(list.statusCode()).isEqualTo(200);
  }

  @Test
  void cors_fromABrowser_aStorefrontOnAnotherOrigin_listsReadsLinkAndFillsACart() throws Exception {
    String token = producerToken();
    product(token, "2.00", 5);
    product(token, "3.00", 5);
    ChromeDriver browser = Browser.open();
    try {
      browser.get(storefrontOrigin + "/storefront.html?api=" + base);
      new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.titleIs("done"));
      JsonNode result = StoreClient.JSON.readTree(browser.findElement(By.id("result")).getText());
      assertThat(result.path("error").isMissingNode()).as(result.toString()).isTrue();
      assertThat(result.get("listStatus").asInt()).isEqualTo(200);
      assertThat(result.get("listed").asInt()).isEqualTo(1);
      assertThat(result.get("link").asText()).contains("rel=\"next\"").contains("limit=1");
      assertThat(result.get("openStatus").asInt()).isEqualTo(200);
      assertThat(result.get("location").asText()).contains("/api/shopping_cart/");
      assertThat(result.get("putStatus").asInt()).isEqualTo(200);
      assertThat(result.get("cartLines").asInt()).isEqualTo(1);
    } finally {
      browser.quit();
    }
  }

  // ---- Prometheus ----

  private static Map<String, Double> scrape() throws Exception {
    HttpResponse<String> metrics =
        raw("GET", "http://127.0.0.1:" + server.adminPort() + "/metrics/prometheus", Map.of());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    Map<String, Double> samples = new HashMap<>();
    for (String line : metrics.body().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return samples;
  }

  private static double value(Map<String, Double> samples, String name) {
    return Optional.ofNullable(samples.get(name)).orElse(0.0);
  }

  @Test
  void prometheus_exposesJvmJettyPoolAndTheStoresOwnCounters_withExactValues() throws Exception {
    Map<String, Double> before = scrape();
    assertThat(before.keySet()).anyMatch(name -> name.startsWith("jvm_memory_heap_used"));
    assertThat(before.keySet())
        .anyMatch(
            name -> name.startsWith("io_dropwizard_jetty_MutableServletContextHandler_requests"));
    assertThat(before.keySet())
        .anyMatch(name -> name.contains("ManagedPooledDataSource") && name.contains("active"));

    String token = producerToken();
    long lamp = product(token, "19.99", 10);
    long mug = product(token, "5.00", 1);
    // Two orders: 3 + 2 units.
    String[] first = cartWith(lamp, 3);
    assertThat(api.post("/api/shopping_cart/" + first[0] + "/checkout", null, first[1]).status())
        .isEqualTo(200);
    // Repeating a checkout places no new order.
    assertThat(api.post("/api/shopping_cart/" + first[0] + "/checkout", null, first[1]).status())
        .isEqualTo(200);
    String[] second = cartWith(lamp, 2);
    StoreClient.Reply secondOrder =
        api.post("/api/shopping_cart/" + second[0] + "/checkout", null, second[1]);
    assertThat(secondOrder.status()).isEqualTo(200);
    // The second order is canceled by its buyer (its 2 units come back); the repeat counts nothing.
    String cancellation =
        "/api/orders/" + secondOrder.json().path("order").path("id").asLong() + "/cancellation";
    assertThat(api.post(cancellation, null, second[1]).status()).isEqualTo(200);
    assertThat(api.post(cancellation, null, second[1]).status()).isEqualTo(200);
    // Refused for stock: the mug sells out in between.
    String[] shortCart = cartWith(mug, 1);
    String[] rival = cartWith(mug, 1);
    assertThat(api.post("/api/shopping_cart/" + rival[0] + "/checkout", null, rival[1]).status())
        .isEqualTo(200);
    assertThat(
            api.post("/api/shopping_cart/" + shortCart[0] + "/checkout", null, shortCart[1])
                .status())
        .isEqualTo(409);
    // Refused for price: the buyer was shown another total.
    String[] moved = cartWith(lamp, 1);
    StoreClient.Reply priceChanged =
        api.post(
            "/api/shopping_cart/" + moved[0] + "/checkout",
            Map.of("expected_total", new java.math.BigDecimal("1.00")),
            moved[1]);
    assertThat(priceChanged.status()).as(priceChanged.toString()).isEqualTo(409);

    Map<String, Double> after = scrape();
    assertThat(value(after, "store_orders_placed") - value(before, "store_orders_placed"))
        .isEqualTo(3.0);
    assertThat(value(after, "store_units_sold") - value(before, "store_units_sold")).isEqualTo(6.0);
    assertThat(value(after, "store_orders_canceled") - value(before, "store_orders_canceled"))
        .isEqualTo(1.0);
    assertThat(value(after, "store_units_restocked") - value(before, "store_units_restocked"))
        .isEqualTo(2.0);
    assertThat(
            value(after, "store_checkouts_refused_insufficient_stock")
                - value(before, "store_checkouts_refused_insufficient_stock"))
        .isEqualTo(1.0);
    assertThat(
            value(after, "store_checkouts_refused_price_changed")
                - value(before, "store_checkouts_refused_price_changed"))
        .isEqualTo(1.0);
  }
}

package org.barebones.store.app.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.barebones.store.app.integrity.RawHttp.Answer;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.Shop.Cart;
import org.barebones.store.app.testing.Shop.Producer;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.barebones.store.domain.product.ProductSearch;

/**
 * Test support: a seeded generator of hostile HTTP requests over every endpoint of the API, sent
 * byte for byte, and a judge of the answers (never a 5xx, always an answer within the deadline).
 * Between hostile requests it makes valid ones, so that the ids and tokens it mutates are real.
 */
final class Fuzzer {

  static final Duration DEADLINE = Duration.ofSeconds(10);

  /** One endpoint of API.md: method, path with {id}, what kind of token, a valid body. */
  private record Endpoint(
      String method, String path, Auth auth, Supplier<Map<String, String>> body) {}

  private enum Auth {
    NONE,
    PRODUCER,
    CART
  }

  /** One request sent, for the report and for replay. */
  record Sent(int index, String endpoint, String mutation, String summary, Answer answer) {}

  private final int port;
  private final Random random;
  private final Shop shop;
  private final byte[] secret;
  private final List<Producer> producers = new ArrayList<>();
  private final List<Long> products = new ArrayList<>();
  private final List<Long> referenceProducts;
  private final List<Cart> carts = new ArrayList<>();
  private final Map<Long, Cart> orders = new LinkedHashMap<>();
  private final List<Endpoint> endpoints = new ArrayList<>();
  private final Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
  private final List<Sent> failures = new ArrayList<>();

  /** Idempotency keys sent so far, sent again now and then: replays, reuses and keys in use. */
  private final List<String> keys = new ArrayList<>();

  private int keyed;
  private final Map<Long, String> titles = new LinkedHashMap<>();
  private int searches;
  private int searchMatches;
  private long slowestNanos;
  private int closedWithoutAnswer;

  Fuzzer(int port, long seed, byte[] secret, List<Long> referenceProducts) {
    this.port = port;
    this.random = new Random(seed);
    this.shop = new Shop(new StoreClient(port, DEADLINE));
    this.secret = secret.clone();
    this.referenceProducts = List.copyOf(referenceProducts);
    Supplier<Map<String, String>> none = Map::of;
    endpoints.add(new Endpoint("GET", "/", Auth.NONE, none));
    endpoints.add(new Endpoint("POST", "/api/producer", Auth.NONE, this::credentials));
    endpoints.add(new Endpoint("POST", "/api/producer/login", Auth.NONE, this::credentials));
    endpoints.add(new Endpoint("GET", "/api/producer", Auth.NONE, none));
    endpoints.add(new Endpoint("GET", "/api/producer/{producer}", Auth.NONE, none));
    endpoints.add(new Endpoint("GET", "/api/products", Auth.NONE, none));
    endpoints.add(new Endpoint("GET", "/api/products/{product}", Auth.NONE, none));
    endpoints.add(new Endpoint("POST", "/api/products", Auth.PRODUCER, this::newProduct));
    endpoints.add(
        new Endpoint("PUT", "/api/products/{product}", Auth.PRODUCER, this::productChange));
    endpoints.add(
        new Endpoint(
            "DELETE", "/api/products/{product}", Auth.PRODUCER, () -> Map.of("producer_id", "1")));
    endpoints.add(new Endpoint("POST", "/api/shopping_cart", Auth.NONE, none));
    endpoints.add(new Endpoint("GET", "/api/shopping_cart/{cart}", Auth.CART, none));
    endpoints.add(new Endpoint("PUT", "/api/shopping_cart/{cart}", Auth.CART, this::cartLine));
    endpoints.add(new Endpoint("DELETE", "/api/shopping_cart/{cart}", Auth.CART, none));
    endpoints.add(
        new Endpoint(
            "POST",
            "/api/shopping_cart/{cart}/checkout",
            Auth.CART,
            () -> random.nextBoolean() ? Map.of() : Map.of("expected_total", "12.50")));
    endpoints.add(new Endpoint("GET", "/api/orders/{order}", Auth.CART, none));
    // A producer's sales (API.md 1.1). The token is one of the fuzzing producers', the path's
    // producer or order often another's: 403 and 404 are as much the point as 200.
    endpoints.add(new Endpoint("GET", "/api/producer/{producer}/orders", Auth.PRODUCER, none));
    endpoints.add(
        new Endpoint("POST", "/api/orders/{order}/shipment", Auth.PRODUCER, this::shipment));
    // Cancellation (API.md 1.2), with either kind of token: the buyer's cart (often the order's
    // own) or a producer's (rarely one with a part in it: 404 and 409 are the point too).
    endpoints.add(
        new Endpoint("POST", "/api/orders/{order}/cancellation", Auth.CART, this::cancellation));
    endpoints.add(
        new Endpoint(
            "POST", "/api/orders/{order}/cancellation", Auth.PRODUCER, this::cancellation));
  }

  // ---- the run ----

  /** Sends {@code count} requests, about one in six valid, the rest hostile. */
  void run(int count) {
    for (int i = 0; i < 3; i++) {
      producers.add(shop.newProducer("fuzz"));
    }
    for (int i = 0; i < count; i++) {
      if (i % 12 == 7) {
        search(i);
      } else if (i % 6 == 0 || carts.isEmpty() || products.isEmpty()) {
        valid(i);
      } else {
        hostile(i);
      }
    }
  }

  List<Sent> failures() {
    return List.copyOf(failures);
  }

  Map<String, Map<Integer, Integer>> statuses() {
    return statuses;
  }

  long slowestMillis() {
    return slowestNanos / 1_000_000;
  }

  int closedWithoutAnswer() {
    return closedWithoutAnswer;
  }

  /** Searches sent ({@code GET /api/products?q=}), and products they answered, all checked. */
  int searches() {
    return searches;
  }

  int searchMatches() {
    return searchMatches;
  }

  int endpointCount() {
    return endpoints.size();
  }

  /** Requests sent with an {@code Idempotency-Key} (valid or not). */
  int keyed() {
    return keyed;
  }

  // ---- valid traffic, which keeps real ids and tokens coming ----

  private void valid(int index) {
    int action = random.nextInt(6);
    Reply reply;
    String what;
    switch (action) {
      case 0 -> {
        what = "valid: new product";
        Producer owner = pick(producers);
        Map<String, String> keyHeader = new LinkedHashMap<>();
        if (random.nextBoolean()) {
          // A key of a few: the same body again is replayed, another body is 422.
          keyHeader.put("Idempotency-Key", "valid-" + random.nextInt(10));
          keyed++;
        }
        reply =
            shop.client()
                .send(
                    "POST",
                    "/api/products",
                    "{\"title\":\"Fuzz "
                        + (random.nextBoolean() ? index : 0)
                        + "\",\"price\":3.20,\"inventory_count\":"
                        + (1 + random.nextInt(50))
                        + "}",
                    owner.token(),
                    keyHeader);
        if (reply.status() == 200) {
          products.add(reply.json().path("id").asLong());
          titles.put(reply.json().path("id").asLong(), reply.json().path("title").asText());
        }
      }
      case 1, 2 -> {
        what = "valid: new cart";
        reply = shop.client().post("/api/shopping_cart", null, null);
        if (reply.status() == 200) {
          JsonNode body = reply.json();
          carts.add(Shop.cartOf(body));
        }
      }
      case 3 -> {
        what = "valid: cart line";
        Cart cart = carts.isEmpty() ? null : pick(carts);
        if (cart == null) {
          return;
        }
        List<Long> choice = random.nextBoolean() ? referenceProducts : products;
        if (choice.isEmpty()) {
          return;
        }
        reply = shop.putLine(cart, pick(choice), 1 + random.nextInt(3));
      }
      case 4 -> {
        what = "valid: checkout";
        Cart cart = carts.isEmpty() ? null : pick(carts);
        if (cart == null) {
          return;
        }
        reply = shop.checkout(cart);
        if (reply.status() == 200) {
          long order = reply.json().path("order").path("id").asLong();
          orders.put(order, cart);
          if (random.nextInt(3) == 0) {
            judge(
                index,
                "valid: checkout",
                "valid",
                "",
                new Answer(reply.status(), "", reply.body(), false, reply.nanos()),
                false);
            what = "valid: cancellation";
            reply = shop.cancel(order, cart);
          }
        }
      }
      default -> {
        what = "valid: login";
        Producer who = pick(producers);
        reply =
            shop.client()
                .post(
                    "/api/producer/login",
                    Map.of("username", who.username(), "password", Shop.PASSWORD),
                    null);
      }
    }
    judge(
        index,
        what,
        "valid",
        "",
        new Answer(reply.status(), "", reply.body(), false, reply.nanos()),
        false);
  }

  // ---- searches: never a 5xx, never a wrong match, never a missed one ----

  private static final List<String> SEARCH_VALUES =
      List.of(
          "",
          " ",
          "%",
          "_",
          "\\",
          "%_\\",
          "%%",
          "\\%",
          "\\_",
          "fu%",
          "%zz",
          "f_zz",
          "fuzz%",
          "100%",
          "*",
          "?",
          "[a-z]",
          "'",
          "' OR '1'='1",
          "\"; DROP TABLE product; --",
          "fuzz' --",
          "$1",
          "\u0000",
          "fuzz\u0000",
          "FUZZ",
          "fUzZ 1",
          "f u z z",
          "zz",
          "uzz",
          "é",
          "É",
          "Straße",
          "ΣΑΣ",
          "日本",
          "😀",
          "\uD83D",
          "a b c d e f g h",
          "a b c d e f g h i",
          "Reference",
          "ref 2");

  /** A search text: a hostile one, a long one, or a mix of pieces of both. */
  private String searchText() {
    return switch (random.nextInt(6)) {
      case 0 -> "x".repeat(90 + random.nextInt(20));
      case 1 -> "fuzz" + "z".repeat(30 + random.nextInt(10)); // longer than an index key
      case 2 -> pick(SEARCH_VALUES) + " " + pick(SEARCH_VALUES);
      case 3 -> {
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
          text.appendCodePoint(random.nextInt(3) == 0 ? random.nextInt(0x3000) : 'a' + i);
        }
        yield text.toString();
      }
      default -> pick(SEARCH_VALUES);
    };
  }

  /**
   * {@code GET /api/products?q=...}: a hostile text, or words of a product made here, cut and
   * re-cased, which must then be found. Sent encoded (through the harness's client, whose answers
   * the OpenAPI document checks): a 400 exactly when the domain's rule refuses the text, else every
   * product answered matches it; or, one time in five, with its non-ASCII bytes unencoded (byte for
   * byte): then only never a 5xx.
   */
  private void search(int index) {
    searches++;
    Long expected = null;
    String text;
    if (!titles.isEmpty() && random.nextInt(3) == 0) {
      List<Long> ids = new ArrayList<>(titles.keySet());
      expected = ids.get(random.nextInt(ids.size()));
      String[] words = titles.get(expected).split(" ");
      text =
          (random.nextBoolean() ? "FUZ" : "fu")
              + (random.nextBoolean() ? " %" : " ")
              + words[1].substring(0, 1 + random.nextInt(words[1].length()));
    } else {
      text = searchText();
    }
    String filters = random.nextBoolean() ? "&min-inventory-count=0&limit=1000" : "&limit=1000";
    if (expected != null) {
      filters = "&min-inventory-count=0&limit=1000";
    }
    if (random.nextInt(5) == 0) {
      byte[] raw =
          RawHttp.request("GET", "/api/products?q=" + rawQuery(text) + filters, "", new byte[0]);
      Answer answer = RawHttp.send(port, raw, DEADLINE);
      judge(
          index,
          "GET /api/products",
          "search, q unencoded",
          new String(raw, 0, Math.min(raw.length, 400), StandardCharsets.ISO_8859_1),
          answer,
          false);
      return;
    }
    String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8);
    if (random.nextBoolean()) {
      encoded = encoded.replace("+", "%20");
    }
    // What the server reads: the text as the encoding carried it (a lone surrogate becomes '?').
    String sent = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    Reply reply = shop.client().get("/api/products?q=" + encoded + filters);
    String summary = "GET /api/products?q=" + encoded + filters;
    judge(
        index,
        "GET /api/products",
        "search",
        summary,
        new Answer(reply.status(), "", reply.body(), false, reply.nanos()),
        false);
    Optional<String> problem = ProductSearch.problemWith(sent);
    String wrong = null;
    if (problem.isPresent() != (reply.status() == 400) || reply.status() / 100 == 5) {
      wrong = "expected " + (problem.isPresent() ? "400 (" + problem.get() + ")" : "200");
    } else if (reply.status() == 200) {
      ProductSearch search = ProductSearch.of(sent);
      List<Long> found = new ArrayList<>();
      for (JsonNode product : reply.json()) {
        searchMatches++;
        found.add(product.path("id").asLong());
        if (!search.matches(product.path("title").asText())) {
          wrong = "wrong match: " + product;
        }
      }
      if (expected != null && !found.contains(expected) && found.size() < 1000) {
        // Unless the fuzz renamed or deleted it meanwhile (its producers' tokens are fuzzed too).
        Reply now = shop.client().get("/api/products/" + expected);
        if (now.status() == 200 && search.matches(now.json().path("title").asText())) {
          wrong = "missed product " + now.body();
        }
      }
    }
    if (wrong != null && failures.size() < 30) {
      failures.add(
          new Sent(
              index,
              "search",
              "q",
              summary + " (sent " + sent + ")",
              new Answer(reply.status(), wrong, reply.body(), false, reply.nanos())));
    }
  }

  /** {@code text} for a query, its ASCII specials encoded, its other characters as raw UTF-8. */
  private static String rawQuery(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (c >= 0x80) {
                out.append(
                    new String(
                        new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.ISO_8859_1));
              } else {
                out.append(URLEncoder.encode(String.valueOf((char) c), StandardCharsets.UTF_8));
              }
            });
    return out.toString();
  }

  // ---- hostile traffic ----

  private void hostile(int index) {
    Endpoint endpoint = pick(endpoints);
    String target = target(endpoint);
    StringBuilder headers = new StringBuilder();
    String token = token(endpoint);
    byte[] body = json(endpoint.body().get());
    String mutation;
    boolean framingBroken = false;
    byte[] raw = null;
    int kind = random.nextInt(100);
    if (kind < 22) {
      mutation = "field value";
      body = json(withHostileValue(endpoint.body().get()));
    } else if (kind < 30) {
      mutation = "fields shuffled";
      body = json(shuffledFields(endpoint.body().get()));
    } else if (kind < 42) {
      mutation = "broken JSON";
      body = brokenJson(body);
    } else if (kind < 52) {
      mutation = "path id";
      target = endpoint.path().replaceAll("\\{[a-z]+\\}", hostileId());
      if (!endpoint.path().contains("{")) {
        target = endpoint.path() + "/" + hostileId();
      }
    } else if (kind < 59) {
      mutation = "query";
      target = hostileQuery(endpoint.path().contains("{") ? target : endpoint.path());
    } else if (kind < 71) {
      mutation = "token";
      token = hostileToken();
    } else if (kind < 79) {
      mutation = "content type";
      headers.append("Content-Type: ").append(pick(CONTENT_TYPES)).append("\r\n");
    } else if (kind < 87) {
      mutation = "headers";
      headers.append(hostileHeaders(body));
    } else {
      mutation = "framing";
      framingBroken = true;
      raw = brokenFraming(endpoint, target, token, body);
    }
    if (raw == null) {
      if (endpoint.method().equals("POST") && KEYED.contains(endpoint.path())
          || random.nextInt(40) == 0) {
        if (random.nextInt(3) == 0) {
          headers.append(idempotencyKey());
          mutation += " + key";
          keyed++;
        }
      }
      if (!headers.toString().startsWith("Content-Type")) {
        headers.append("Content-Type: application/json\r\n");
      }
      if (token != null) {
        headers.append("Authorization: ").append(token).append("\r\n");
      }
      raw = RawHttp.request(endpoint.method(), target, headers.toString(), body);
    }
    Answer answer = RawHttp.send(port, raw, DEADLINE);
    String summary =
        new String(raw, 0, Math.min(raw.length, 400), StandardCharsets.ISO_8859_1)
            .replace("\r\n", "\\r\\n");
    judge(index, name(endpoint), mutation, summary, answer, framingBroken);
  }

  private void judge(
      int index,
      String endpoint,
      String mutation,
      String summary,
      Answer answer,
      boolean framingBroken) {
    statuses
        .computeIfAbsent(endpoint, e -> new TreeMap<>())
        .merge(answer.status(), 1, Integer::sum);
    slowestNanos = Math.max(slowestNanos, answer.nanos());
    // 505 is HTTP's own answer to a version it does not speak: the client's fault, not ours.
    boolean unsupportedVersion = answer.status() == 505 && summary.contains(" HTTP/9.9\\r\\n");
    boolean failed =
        answer.timedOut()
            || (answer.status() >= 500 && !unsupportedVersion)
            || answer.nanos() > DEADLINE.toNanos()
            || (!answer.answered() && !framingBroken);
    if (!answer.answered()) {
      closedWithoutAnswer++;
    }
    if (failed && failures.size() < 30) {
      failures.add(new Sent(index, endpoint, mutation, summary, answer));
    }
  }

  // ---- ingredients ----

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private Map<String, String> credentials() {
    String username =
        random.nextInt(3) == 0 ? pick(producers).username() : Shop.uniqueUsername("fz");
    return Map.of(
        "username",
        quote(username),
        "password",
        quote(random.nextBoolean() ? Shop.PASSWORD : "wrong password " + random.nextInt()));
  }

  private Map<String, String> newProduct() {
    return Map.of("title", quote("Fuzzed product"), "price", "4.99", "inventory_count", "10");
  }

  private Map<String, String> productChange() {
    Map<String, String> change = new LinkedHashMap<>();
    if (random.nextBoolean()) {
      change.put("title", quote("Renamed"));
    }
    if (random.nextBoolean()) {
      change.put(random.nextBoolean() ? "price" : "cost", "5.25");
    }
    if (random.nextBoolean()) {
      change.put("inventory_count", String.valueOf(random.nextInt(100)));
    }
    return change;
  }

  private Map<String, String> shipment() {
    return random.nextBoolean()
        ? Map.of()
        : Map.of("tracking", quote("DHL " + random.nextInt(1_000_000)));
  }

  /** The endpoint as reported: its method and path, and its token's kind where two share them. */
  private String name(Endpoint endpoint) {
    String name = endpoint.method() + " " + endpoint.path();
    return endpoint.path().endsWith("/cancellation")
        ? name + " (" + endpoint.auth().name().toLowerCase(Locale.ROOT) + " token)"
        : name;
  }

  private Map<String, String> cancellation() {
    return random.nextBoolean()
        ? Map.of()
        : Map.of("reason", quote("Changed my mind " + random.nextInt(1_000)));
  }

  private Map<String, String> cartLine() {
    List<Long> choice = random.nextBoolean() || products.isEmpty() ? referenceProducts : products;
    return Map.of(
        "product_id",
        String.valueOf(pick(choice)),
        "quantity",
        String.valueOf(1 + random.nextInt(3)));
  }

  private String target(Endpoint endpoint) {
    String path = endpoint.path();
    if (path.contains("{producer}")) {
      path = path.replace("{producer}", String.valueOf(pick(producers).id()));
    }
    if (path.contains("{product}")) {
      List<Long> choice = random.nextInt(4) == 0 ? referenceProducts : products;
      path = path.replace("{product}", String.valueOf(pick(choice)));
    }
    if (path.contains("{cart}")) {
      path = path.replace("{cart}", String.valueOf(pick(carts).id()));
    }
    if (path.contains("{order}")) {
      path =
          path.replace(
              "{order}",
              orders.isEmpty() ? "1" : String.valueOf(pick(new ArrayList<>(orders.keySet()))));
    }
    return path;
  }

  /** The right kind of token for the endpoint, usually the right one; sometimes a neighbour's. */
  private String token(Endpoint endpoint) {
    return switch (endpoint.auth()) {
      case NONE -> null;
      case PRODUCER -> "Bearer " + pick(producers).token();
      case CART -> {
        if (!orders.isEmpty() && random.nextInt(4) == 0) {
          yield "Bearer " + pick(new ArrayList<>(orders.values())).token();
        }
        yield "Bearer " + pick(carts).token();
      }
    };
  }

  private static final List<String> HOSTILE_VALUES =
      List.of(
          "0",
          "-1",
          "1",
          "2147483647",
          "2147483648",
          "-2147483649",
          "9223372036854775807",
          "9223372036854775808",
          "-9223372036854775809",
          "1e400",
          "-1e400",
          "1e-400",
          "0.1",
          "0.001",
          "0.005",
          "19.999",
          "1000000.00",
          "1000000.01",
          "0.09",
          "0.10",
          "1.0e2",
          "1E2",
          "-0",
          "-0.0",
          "1.5",
          "123456789012345678901234567890.123",
          "NaN",
          "Infinity",
          "-Infinity",
          "0x10",
          "01",
          ".5",
          "1.",
          "+1",
          "\"\"",
          "\" \"",
          "\"abc\"",
          "\"1\"",
          "\"1.5\"",
          "\"-1\"",
          "\"null\"",
          "\"' OR 1=1 --\"",
          "\"<script>alert(1)</script>\"",
          "\"\\u0000\"",
          "\"\\ud800\"",
          "\"\\u65e5\\u672c\"",
          "\"\\ud83d\\ude00\"",
          "\"\\n\\t\\r\"",
          "\"%s%n%x\"",
          "\"${jndi:ldap://127.0.0.1/x}\"",
          "true",
          "false",
          "null",
          "[]",
          "{}",
          "[1,2]",
          "{\"a\":1}",
          "[[[[[[[[1]]]]]]]]",
          "\"9999999999999999999999\"");

  private String hostileValue() {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return quote("x".repeat(1 + random.nextInt(300)));
    }
    if (kind == 1) {
      return quote("y".repeat(256)); // one over the title's limit
    }
    if (kind == 2) {
      return quote("z".repeat(20_000 + random.nextInt(60_000))); // near and over 64 KiB
    }
    return pick(HOSTILE_VALUES);
  }

  private Map<String, String> withHostileValue(Map<String, String> body) {
    Map<String, String> mutated = new LinkedHashMap<>(body);
    String[] fields = {
      "username",
      "password",
      "title",
      "price",
      "cost",
      "inventory_count",
      "producer_id",
      "product_id",
      "quantity",
      "expected_total"
    };
    String field =
        mutated.isEmpty() || random.nextInt(4) == 0
            ? fields[random.nextInt(fields.length)]
            : pick(new ArrayList<>(mutated.keySet()));
    mutated.put(field, hostileValue());
    return mutated;
  }

  private Map<String, String> shuffledFields(Map<String, String> body) {
    Map<String, String> mutated = new LinkedHashMap<>(body);
    switch (random.nextInt(4)) {
      case 0 -> {
        if (!mutated.isEmpty()) {
          mutated.remove(pick(new ArrayList<>(mutated.keySet())));
        }
      }
      case 1 -> mutated.put("unknown_" + random.nextInt(100), hostileValue());
      case 2 -> {
        Map<String, String> upper = new LinkedHashMap<>();
        mutated.forEach((k, v) -> upper.put(k.toUpperCase(Locale.ROOT), v));
        mutated = upper;
      }
      default -> mutated.clear();
    }
    return mutated;
  }

  /** {@code {"k": literal, ...}}, with the literals as they are (they may be invalid JSON). */
  private static byte[] json(Map<String, String> fields) {
    StringBuilder json = new StringBuilder("{");
    fields.forEach(
        (k, v) -> {
          if (json.length() > 1) {
            json.append(',');
          }
          json.append('"').append(k).append("\":").append(v);
        });
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static final byte[][] INVALID_UTF8 = {
    {(byte) 0xC3, 0x28},
    {(byte) 0xFF},
    {(byte) 0xFE, (byte) 0xFF},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
    {(byte) 0xC0, (byte) 0xAF},
    {(byte) 0xE2, (byte) 0x82},
    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
    {0x00}
  };

  private byte[] brokenJson(byte[] valid) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (random.nextInt(10)) {
      case 0 -> out.write(valid, 0, random.nextInt(Math.max(1, valid.length))); // truncated
      case 1 -> { // a string holding invalid UTF-8
        byte[] bad = INVALID_UTF8[random.nextInt(INVALID_UTF8.length)];
        String[] parts = new String(valid, StandardCharsets.UTF_8).split("\"", 5);
        if (parts.length < 5) {
          writeAll(out, "{\"title\":\"".getBytes(StandardCharsets.UTF_8));
          writeAll(out, bad);
          writeAll(out, "\"}".getBytes(StandardCharsets.UTF_8));
        } else {
          writeAll(
              out,
              (parts[0] + "\"" + parts[1] + "\"" + parts[2] + "\"")
                  .getBytes(StandardCharsets.UTF_8));
          writeAll(out, bad);
          writeAll(out, ("\"" + parts[4]).getBytes(StandardCharsets.UTF_8));
        }
      }
      case 2 -> { // deep nesting
        int depth = 1_000 + random.nextInt(30_000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        writeAll(out, open.repeat(depth).getBytes(StandardCharsets.UTF_8));
      }
      case 3 -> { // a random byte changed
        byte[] copy = valid.clone();
        if (copy.length > 0) {
          copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        writeAll(out, copy);
      }
      case 4 ->
          writeAll(
              out,
              pick(List.of(
                      "", " ", "null", "[]", "\"text\"", "42", "-1", "true", "{}{}", "{\"a\":1}}"))
                  .getBytes(StandardCharsets.UTF_8));
      case 5 -> { // a byte-order mark, then the valid body
        writeAll(out, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        writeAll(out, valid);
      }
      case 6 ->
          writeAll(
              out,
              ("[" + new String(valid, StandardCharsets.UTF_8) + "]")
                  .getBytes(StandardCharsets.UTF_8));
      case 7 -> { // over the body limit
        writeAll(out, "{\"title\":\"".getBytes(StandardCharsets.UTF_8));
        writeAll(
            out, "w".repeat(70_000 + random.nextInt(100_000)).getBytes(StandardCharsets.UTF_8));
        writeAll(out, "\"}".getBytes(StandardCharsets.UTF_8));
      }
      case 8 -> { // random bytes
        byte[] noise = new byte[1 + random.nextInt(200)];
        random.nextBytes(noise);
        writeAll(out, noise);
      }
      default ->
          writeAll(
              out,
              new String(valid, StandardCharsets.UTF_8)
                  .replace(":", "::")
                  .getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static void writeAll(ByteArrayOutputStream out, byte[] bytes) {
    out.write(bytes, 0, bytes.length);
  }

  private static final List<String> HOSTILE_IDS =
      List.of(
          "0",
          "-1",
          "1.5",
          "abc",
          "99999999999999999999",
          "9223372036854775807",
          "9223372036854775808",
          "%00",
          "%2e%2e%2f",
          "1%20",
          "+1",
          "01",
          "1e3",
          "",
          "%D9%A3",
          "1;drop",
          "%ZZ",
          "1/..",
          "null",
          "undefined",
          "0x1",
          "%F0%9F%98%80",
          "1%0d%0aX:1");

  private String hostileId() {
    return random.nextInt(20) == 0 ? "7".repeat(3_000) : pick(HOSTILE_IDS);
  }

  private static final List<String> QUERY_VALUES =
      List.of(
          "-1",
          "0",
          "1",
          "1000",
          "1001",
          "abc",
          "",
          "1e2",
          "99999999999999999999",
          "%20",
          "%00",
          "1.5",
          "-0",
          "2147483648");

  private String hostileQuery(String path) {
    String[] names = {"limit", "after", "min-inventory-count", "producer_id", "use-cache"};
    StringBuilder query = new StringBuilder(path).append('?');
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        query.append('&');
      }
      query.append(names[random.nextInt(names.length)]).append('=').append(pick(QUERY_VALUES));
    }
    if (random.nextInt(8) == 0) {
      query.append("&%=%&&=x&limit");
    }
    return query.toString();
  }

  private String hostileToken() {
    String real = pick(producers).token();
    String[] parts = real.split("\\.");
    return switch (random.nextInt(12)) {
      case 0 -> "Bearer";
      case 1 -> "Bearer " + "garbage";
      case 2 -> "Basic dXNlcjpwYXNz";
      case 3 -> "bearer " + real;
      case 4 -> "Bearer " + real.substring(0, real.length() - 2) + "xx"; // tampered signature
      case 5 ->
          "Bearer "
              + b64("{\"alg\":\"none\",\"typ\":\"JWT\"}")
              + "."
              + (parts.length > 1 ? parts[1] : "")
              + ".";
      case 6 ->
          "Bearer "
              + signed(
                  "{\"alg\":\"HS256\"}",
                  parts.length > 1 ? decode(parts[1]) : "{}",
                  "another-secret-of-at-least-32-bytes-long!".getBytes(StandardCharsets.UTF_8));
      case 7 -> "Bearer " + expired(parts);
      case 8 -> "Bearer " + "A".repeat(10_000);
      case 9 -> "Bearer " + (carts.isEmpty() ? real : pick(carts).token()); // the other kind
      case 10 ->
          "Bearer "
              + signed(
                  "{\"alg\":\"HS256\",\"kid\":\"../../etc/passwd\"}", "{\"sub\":\"1\"}", secret);
      default -> "Bearer " + real + "." + real;
    };
  }

  /** The token's own claims with {@code exp} in the past, signed with the server's secret. */
  private String expired(String[] parts) {
    if (parts.length < 2) {
      return "x";
    }
    try {
      JsonNode claims = StoreClient.JSON.readTree(decode(parts[1]));
      if (claims instanceof ObjectNode object) {
        object.put("exp", 1_000_000_000L);
        object.put("iat", 999_999_000L);
      }
      return signed(decode(parts[0]), StoreClient.JSON.writeValueAsString(claims), secret);
    } catch (IOException e) {
      return "x";
    }
  }

  private static String signed(String header, String claims, byte[] key) {
    String unsigned = b64(header) + "." + b64(claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] signature = mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII));
      return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String part) {
    try {
      return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "{}";
    }
  }

  private static final List<String> CONTENT_TYPES =
      List.of(
          "text/plain",
          "application/xml",
          "application/json; charset=ISO-8859-1",
          "application/json; charset=utf-16",
          "application/json; charset=nonsense",
          "multipart/form-data; boundary=x",
          "application/x-www-form-urlencoded",
          "*/*",
          "application/",
          ";;;",
          "application/json;;",
          "application/problem+json",
          "APPLICATION/JSON",
          "application/json; charset=\"utf-8",
          "image/png");

  /** The operations that take an {@code Idempotency-Key}. */
  private static final List<String> KEYED =
      List.of("/api/producer", "/api/products", "/api/shopping_cart");

  /** An {@code Idempotency-Key} header line: new, sent before, or malformed. */
  private String idempotencyKey() {
    String value =
        switch (random.nextInt(12)) {
          case 0, 1, 2 -> {
            String fresh = java.util.UUID.randomUUID().toString();
            keys.add(fresh);
            yield fresh;
          }
          case 3, 4, 5 -> keys.isEmpty() ? "first" : pick(keys);
          case 6 -> "";
          case 7 -> "with space";
          case 8 -> "k".repeat(256 + random.nextInt(5_000));
          case 9 -> "\u00e9t\u00e9"; // Latin-1 bytes, not ASCII
          case 10 -> "a\u0001b\u007f";
          default -> "twice\r\nIdempotency-Key: again";
        };
    return "Idempotency-Key: " + value + "\r\n";
  }

  private String hostileHeaders(byte[] body) {
    return switch (random.nextInt(12)) {
      case 0 -> "Accept: application/xml\r\n";
      case 1 -> "Accept: text/html;q=abc, */*;q=-1\r\n";
      case 2 -> "Content-Encoding: gzip\r\n";
      case 3 ->
          "X-Forwarded-For: "
              + pick(List.of("garbage", "1.2.3.4, ::1, x", "", "999.999.999.999"))
              + "\r\n";
      case 4 ->
          "If-Match: " + pick(List.of("*", "garbage", "W/\"x\"", "\"\"", "\"1\", \"2\"")) + "\r\n";
      case 5 -> "X-Long: " + "h".repeat(4_000 + random.nextInt(20_000)) + "\r\n";
      case 6 -> "Cookie: " + "a=b; ".repeat(200) + "\r\n";
      case 7 -> "Accept-Charset: utf-7\r\nAccept-Language: xx-XX;q=2\r\n";
      case 8 -> "Expect: 100-continue\r\n";
      case 9 -> "Range: bytes=0-1,5-2\r\n";
      case 10 -> "X-Many: 1\r\n".repeat(150);
      default -> "Origin: http://127.0.0.1:1\r\nAccess-Control-Request-Method: DELETE\r\n";
    };
  }

  private byte[] brokenFraming(Endpoint endpoint, String target, String token, byte[] body) {
    String auth = token == null ? "" : "Authorization: " + token + "\r\n";
    String start = endpoint.method() + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth;
    String json = "Content-Type: application/json\r\n";
    return switch (random.nextInt(14)) {
      case 0 -> RawHttp.request(start + json + "Content-Length: " + (body.length + 10), body);
      case 1 ->
          RawHttp.request(
              start + json + "Connection: close\r\nContent-Length: " + Math.max(0, body.length - 3),
              body);
      case 2 ->
          RawHttp.request(
              start + json + "Connection: close\r\nTransfer-Encoding: chunked",
              chunked(body, false));
      case 3 ->
          RawHttp.request(
              start + json + "Connection: close\r\nTransfer-Encoding: chunked",
              chunked(body, true));
      case 4 ->
          RawHttp.request(
              start
                  + json
                  + "Connection: close\r\nTransfer-Encoding: chunked\r\nContent-Length: "
                  + body.length,
              chunked(body, false));
      case 5 ->
          RawHttp.request(
              start
                  + json
                  + "Content-Length: "
                  + body.length
                  + "\r\nContent-Length: "
                  + (body.length + 1),
              body);
      case 6 -> RawHttp.request(start + json + "Content-Length: -1", body);
      case 7 -> RawHttp.request(start + json + "Content-Length: 9223372036854775808", body);
      case 8 ->
          RawHttp.request(
              endpoint.method()
                  + " "
                  + target
                  + " HTTP/1.0\r\n"
                  + auth
                  + json
                  + "Content-Length: "
                  + body.length,
              body);
      case 9 ->
          RawHttp.request(
              pick(
                      List.of(
                          "PATCH", "FOO", "get", "OPTIONS", "TRACE", "HEAD", "CONNECT", "G\u00c9T"))
                  + " "
                  + target
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                  + auth
                  + json
                  + "Content-Length: "
                  + body.length,
              body);
      case 10 ->
          RawHttp.request(
              pick(
                      List.of(
                          "GARBAGE",
                          "GET",
                          "GET / HTTP/9.9",
                          "GET /api/products HTTP/1.1 extra",
                          "\u0000\u0001\u0002",
                          "GET http://127.0.0.1/api/products HTTP/1.1"))
                  + "\r\nHost: 127.0.0.1\r\nConnection: close",
              new byte[0]);
      case 11 ->
          RawHttp.request(
              start
                  + json
                  + "Connection: close\r\nBroken header without colon\r\nContent-Length: "
                  + body.length,
              body);
      case 12 ->
          RawHttp.request(
              start
                  + json
                  + "Connection: close\r\nX-Nul: a\u0000b\r\n Folded: continuation\r\nContent-Length: "
                  + body.length,
              body);
      default ->
          RawHttp.request(
              endpoint.method()
                  + " "
                  + target
                  + "?"
                  + "q".repeat(70_000)
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close",
              new byte[0]);
    };
  }

  private byte[] chunked(byte[] body, boolean broken) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < body.length) {
      int n = Math.min(body.length - at, 1 + random.nextInt(16));
      String size =
          broken && random.nextInt(3) == 0
              ? pick(List.of("zz", "-1", "FFFFFFFFFFFFFFFF", ""))
              : Integer.toHexString(n);
      writeAll(out, (size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body, at, n);
      writeAll(out, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
      at += n;
    }
    writeAll(
        out,
        (broken && random.nextBoolean() ? "" : "0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  private static String quote(String text) {
    return StoreClient.json(text);
  }
}

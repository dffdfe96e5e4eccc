package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.barebones.store.app.testing.Accounting;
import org.barebones.store.app.testing.Accounting.Report;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Ledger;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.Shop.Cart;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * Proof: seeded random hostile HTTP over every endpoint (mutated and truncated JSON, wrong types,
 * huge, negative and fractional numbers, deep nesting, long strings, invalid UTF-8, odd content
 * types, headers and framing, bad ids and tokens) never gets a 5xx and always gets an answer within
 * the deadline; afterwards the books balance and a normal purchase goes through. The seed is
 * printed; {@code -Dstore.fuzz.seed=N} replays a run, {@code -Dstore.fuzz.requests=N} sizes it.
 */
class FuzzIT {

  private static final long SEED = Long.getLong("store.fuzz.seed", System.nanoTime());
  private static final int REQUESTS = Integer.getInteger("store.fuzz.requests", 5_000);

  @Test
  void hostileRequests_neverGet5xx_norHang_andTheBooksBalanceAfterwards() throws Exception {
    System.out.println(
        "[FuzzIT] seed "
            + SEED
            + " (replay with -Dstore.fuzz.seed="
            + SEED
            + "), "
            + REQUESTS
            + " requests");
    Db db = Db.postgres("fuzz");
    // Failed logins are part of the fuzz: a throttle that never trips keeps them reaching the hash.
    try (Node node = Node.start(db, Map.of("loginThrottle.maxFailures", "1000000"))) {
      Shop shop = node.shop();
      // Reference products: their seller's token never reaches the fuzzer, so only sales move them.
      Shop.Producer reference = shop.newProducer("reference");
      Map<Long, Integer> startStock = new LinkedHashMap<>();
      for (int i = 0; i < 4; i++) {
        startStock.put(shop.newProduct(reference, "Reference " + i, "2.00", 60), 60);
      }

      long start = System.nanoTime();
      Fuzzer fuzzer =
          new Fuzzer(
              node.port(),
              SEED,
              Node.SECRET.getBytes(StandardCharsets.UTF_8),
              new ArrayList<>(startStock.keySet()));
      fuzzer.run(REQUESTS);
      long millis = (System.nanoTime() - start) / 1_000_000;

      // A normal flow still works.
      Shop.Producer seller = shop.newProducer("after-fuzz");
      Shop.expect(
          200,
          shop.client()
              .post(
                  "/api/producer/login",
                  Map.of("username", seller.username(), "password", Shop.PASSWORD),
                  null));
      long product = shop.newProduct(seller, "After the fuzz", "9.99", 5);
      Cart cart = shop.newCart();
      Shop.expect(200, shop.putLine(cart, product, 2));
      Reply bought = Shop.expect(200, shop.checkout(cart));
      long orderId = bought.json().path("order").path("id").asLong();
      Shop.expect(200, shop.order(orderId, cart));
      Reply sold =
          Shop.expect(
              200, shop.client().get("/api/producer/" + seller.id() + "/orders", seller.token()));
      assertThat(sold.json().findValuesAsText("id")).containsExactly(Long.toString(orderId));
      Reply shipped =
          Shop.expect(
              200,
              shop.client()
                  .post(
                      "/api/orders/" + orderId + "/shipment",
                      Map.of("tracking", "after the fuzz"),
                      seller.token()));
      assertThat(shipped.json().path("status").asText()).isEqualTo("shipped");
      Shop.expect(200, shop.client().get("/api/products/" + product));
      assertThat(
              shop.client().get("/api/products/" + product).json().path("inventory_count").asInt())
          .isEqualTo(3);

      Report books;
      try (Connection connection = db.connect()) {
        books = Accounting.check(connection, startStock, new Ledger(), false);
      }
      Map<Integer, Integer> overall = new TreeMap<>();
      fuzzer
          .statuses()
          .values()
          .forEach(m -> m.forEach((s, n) -> overall.merge(s, n, Integer::sum)));
      Figures.record(
          "FuzzIT",
          String.format(
              "seed %d: %d requests (%d with an Idempotency-Key) over %d endpoints in %d ms,"
                  + " answers by status %s (-1: closed without an answer, %d, all on broken"
                  + " framing), slowest %d ms, %d failures; %d searches answering %d products,"
                  + " each checked against the rule; books: %s",
              SEED,
              REQUESTS,
              fuzzer.keyed(),
              fuzzer.endpointCount(),
              millis,
              overall,
              fuzzer.closedWithoutAnswer(),
              fuzzer.slowestMillis(),
              fuzzer.failures().size(),
              fuzzer.searches(),
              fuzzer.searchMatches(),
              books.figures()));
      List<String> failures =
          fuzzer.failures().stream()
              .map(
                  f ->
                      "#"
                          + f.index()
                          + " "
                          + f.endpoint()
                          + " ["
                          + f.mutation()
                          + "] -> "
                          + f.answer()
                          + "\n    sent: "
                          + f.summary())
              .toList();
      assertThat(failures)
          .as("seed %d: requests answered 5xx, late or not at all; searches answering wrong", SEED)
          .isEmpty();
      assertThat(fuzzer.searchMatches()).as("searches that found products").isPositive();
      assertThat(books.violations()).as(books.toString()).isEmpty();
      assertThat(fuzzer.statuses().keySet().stream().filter(e -> !e.startsWith("valid")))
          .as("every endpoint was fuzzed")
          .hasSize(fuzzer.endpointCount());
    }
  }
}

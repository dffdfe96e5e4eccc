package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.barebones.store.app.StoreApplication;
import org.barebones.store.app.StoreConfiguration;
import org.barebones.store.app.testing.Accounting;
import org.barebones.store.app.testing.Accounting.Report;
import org.barebones.store.app.testing.CheckoutLoad;
import org.barebones.store.app.testing.CheckoutLoad.Result;
import org.barebones.store.app.testing.CheckoutLoad.Settings;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * Proof: two store servers over one PostgreSQL, 64 buyers spreading their requests over both and
 * racing for scarce stock, never sell a unit that is not there, and the books balance to the unit:
 * for every product, units in orders plus stock left equal the stock at the start; one order per
 * checkout answered 200, none per checkout answered 409; every cart checked out twice at once (on
 * two nodes) gets one and the same order. The same race against a store with a read-then-write
 * stock decrement must be caught, or the proof proves nothing. After the load, on the same two
 * nodes: a token issued by one node works on the other (they share nothing but the secret and the
 * database), and 48 single-unit checkouts racing through both for 20 units sell exactly 20.
 */
class ManyNodesIT {

  private static final long SEED = Long.getLong("store.manynodes.seed", System.nanoTime());

  private static Settings settings() {
    // Demand (64 buyers x 4 carts x ~2 lines x ~2 units) is about three times the supply.
    return new Settings(64, 8, 40, 4, 3, 3, SEED, Duration.ofSeconds(120));
  }

  @Test
  void twoNodesOverOnePostgres_neverOversell_andTheBooksBalance() throws Exception {
    System.out.println(
        "[ManyNodesIT] seed " + SEED + " (replay with -Dstore.manynodes.seed=" + SEED + ")");
    Db db = Db.postgres("many_nodes");
    Outcome outcome = race(StoreApplication.class, db, ManyNodesIT::tokensCrossNodes_andExactStock);

    Figures.record("ManyNodesIT", outcome.result().figures() + "; " + outcome.report().figures());
    assertThat(outcome.result().unexpected())
        .as("answers other than 200 and 409 for stock: %s", outcome.result().samples())
        .isZero();
    assertThat(outcome.result().unanswered()).as("requests without an answer").isZero();
    assertThat(outcome.report().violations()).as(outcome.report().toString()).isEmpty();
    // The race was real: stock ran short, so some checkouts won and some were refused.
    assertThat(outcome.report().bought()).isPositive();
    assertThat(outcome.report().refused()).isPositive();
    assertThat(outcome.report().unitsSold()).isGreaterThan(outcome.report().unitsAtStart() / 2);
  }

  @Test
  void control_theSameRace_catchesAReadThenWriteStockDecrement() throws Exception {
    Report caught = null;
    for (int attempt = 1; attempt <= 3 && caught == null; attempt++) {
      Outcome outcome =
          race(
              ReadThenWriteStockApplication.class,
              Db.postgres("many_nodes_control"),
              (first, second) -> {});
      if (!outcome.report().holds()) {
        caught = outcome.report();
      }
    }
    assertThat(caught).as("the race never caught a read-then-write decrement").isNotNull();
    Figures.record(
        "ManyNodesIT control",
        "read-then-write decrement caught: "
            + caught.figures()
            + "; first: "
            + caught.violations().get(0));
  }

  private record Outcome(Result result, Report report) {}

  /**
   * What runs on the same two nodes once the load's books are read (its orders would be orders the
   * load's ledger does not know).
   */
  private interface AfterBooks {
    void run(Node first, Node second) throws Exception;
  }

  private static Outcome race(
      Class<? extends io.dropwizard.core.Application<StoreConfiguration>> application,
      Db db,
      AfterBooks afterBooks)
      throws Exception {
    // Every buyer comes from 127.0.0.1: lift the per-address thread limit, which SlowClientsIT
    // proves, so that the race is not paced by it.
    Map<String, String> oneAddress = Map.of("slowClients.maxThreadsPerAddress", "1024");
    try (Node first = Node.start(application, db, oneAddress);
        Node second = Node.start(application, db, oneAddress)) {
      CheckoutLoad load =
          new CheckoutLoad(List.of(first.shop(), second.shop()), settings()).stock();
      Result result = load.race();
      Outcome outcome;
      try (Connection connection = db.connect()) {
        outcome =
            new Outcome(result, Accounting.check(connection, load.startStock(), load.ledger()));
      }
      afterBooks.run(first, second);
      return outcome;
    }
  }

  private static final int STOCK = 20;
  private static final int BUYERS = 48;

  /** Merged from TwoNodesIT: cross-node tokens, and an exact count of sold and refused. */
  private static void tokensCrossNodes_andExactStock(Node nodeA, Node nodeB) throws Exception {
    StoreClient a = nodeA.client();
    StoreClient b = nodeB.client();

    Reply producer =
        a.post("/api/producer", Map.of("username", "two-nodes", "password", "correct horse"), null);
    assertThat(producer.status()).as(producer.toString()).isEqualTo(200);
    String token = producer.json().get("auth_token").asText();
    // Issued by node A, accepted by node B: the nodes share nothing but the secret and database.
    Reply product =
        b.post(
            "/api/products",
            Map.of("title", "Scarce", "price", new BigDecimal("9.99"), "inventory_count", STOCK),
            token);
    assertThat(product.status()).as(product.toString()).isEqualTo(200);
    long productId = product.json().get("id").asLong();

    List<Shop.Cart> carts = new ArrayList<>();
    for (int i = 0; i < BUYERS; i++) {
      StoreClient creator = i % 2 == 0 ? a : b;
      StoreClient filler = i % 2 == 0 ? b : a;
      Reply cart = creator.post("/api/shopping_cart", null, null);
      long cartId = cart.json().get("shopping_cart").get("id").asLong();
      String cartToken = cart.json().get("auth_token").asText();
      Reply line =
          filler.put(
              "/api/shopping_cart/" + cartId,
              Map.of("product_id", productId, "quantity", 1),
              cartToken);
      assertThat(line.status()).as(line.toString()).isEqualTo(200);
      carts.add(new Shop.Cart(cartId, cartToken));
    }

    ExecutorService pool = Executors.newFixedThreadPool(BUYERS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Reply>> results = new ArrayList<>();
    try {
      for (int i = 0; i < BUYERS; i++) {
        StoreClient node = i % 2 == 0 ? a : b;
        Shop.Cart cart = carts.get(i);
        Callable<Reply> checkout =
            () -> {
              go.await();
              return node.post("/api/shopping_cart/" + cart.id() + "/checkout", null, cart.token());
            };
        results.add(pool.submit(checkout));
      }
      go.countDown();
      int sold = 0;
      int refused = 0;
      for (Future<Reply> result : results) {
        Reply reply = result.get();
        if (reply.status() == 200) {
          sold++;
        } else {
          assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
          assertThat(reply.json().get("type").asText()).isEqualTo(CheckoutLoad.INSUFFICIENT_STOCK);
          refused++;
        }
      }
      assertThat(sold).isEqualTo(STOCK);
      assertThat(refused).isEqualTo(BUYERS - STOCK);
    } finally {
      pool.shutdownNow();
    }

    Reply after = a.get("/api/products/" + productId);
    assertThat(after.json().get("inventory_count").asInt()).isZero();
  }
}

package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.barebones.store.app.Api.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server nodes over one PostgreSQL with one shared secret, as in production behind a load
 * balancer: a token from one node works on the other, and checkouts racing through both never sell
 * more than the stock.
 */
class TwoNodesIT {

  private static final int STOCK = 20;
  private static final int BUYERS = 48;

  private static DropwizardTestSupport<StoreConfiguration> nodeA;
  private static DropwizardTestSupport<StoreConfiguration> nodeB;

  @BeforeAll
  static void startNodes() throws Exception {
    TestApps.Database database = TestApps.postgres("two_nodes");
    nodeA = node(database);
    nodeA.before();
    nodeB = node(database);
    nodeB.before();
  }

  @AfterAll
  static void stopNodes() {
    if (nodeB != null) {
      nodeB.after();
    }
    if (nodeA != null) {
      nodeA.after();
    }
  }

  private static DropwizardTestSupport<StoreConfiguration> node(TestApps.Database database) {
    return new DropwizardTestSupport<>(
        StoreApplication.class,
        (String) null,
        TestApps.overrides(database, ConfigOverride.config("database.maxSize", "32"))
            .toArray(ConfigOverride[]::new));
  }

  @Test
  void checkoutsRacingThroughTwoNodes_neverSellMoreThanTheStock() throws Exception {
    Api a = new Api(nodeA.getLocalPort());
    Api b = new Api(nodeB.getLocalPort());

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

    List<StoreScenarios.Cart> carts = new ArrayList<>();
    for (int i = 0; i < BUYERS; i++) {
      Api creator = i % 2 == 0 ? a : b;
      Api filler = i % 2 == 0 ? b : a;
      Reply cart = creator.post("/api/shopping_cart", null, null);
      long cartId = cart.json().get("shopping_cart").get("id").asLong();
      String cartToken = cart.json().get("auth_token").asText();
      Reply line =
          filler.put(
              "/api/shopping_cart/" + cartId,
              Map.of("product_id", productId, "quantity", 1),
              cartToken);
      assertThat(line.status()).as(line.toString()).isEqualTo(200);
      carts.add(new StoreScenarios.Cart(cartId, cartToken));
    }

    ExecutorService pool = Executors.newFixedThreadPool(BUYERS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Reply>> results = new ArrayList<>();
    try {
      for (int i = 0; i < BUYERS; i++) {
        Api node = i % 2 == 0 ? a : b;
        StoreScenarios.Cart cart = carts.get(i);
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
          assertThat(reply.json().get("type").asText()).isEqualTo("/problems/insufficient-stock");
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

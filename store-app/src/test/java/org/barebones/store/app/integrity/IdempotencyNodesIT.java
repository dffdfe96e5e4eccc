package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * Proof: 32 concurrent requests with one {@code Idempotency-Key}, spread over two server nodes
 * sharing one PostgreSQL, make exactly one resource, and every answer is the first one's (200, the
 * same body) or 409 {@code /problems/idempotency-key-in-use} with {@code Retry-After}; for a
 * product (the producer's key) and for a cart (the client address's key). The same race without the
 * key makes 32 products: the count would catch a server that ignored the key.
 */
class IdempotencyNodesIT {

  private static final int REQUESTS = 32;

  private record Race(List<Reply> replies, int created, int inUse, int replayed) {}

  @Test
  void oneKeyRacingThroughTwoNodes_makesOneResource_andEveryAnswerIsTheFirstOrInUse()
      throws Exception {
    Db db = Db.postgres("idempotency_nodes");
    Map<String, String> oneAddress = Map.of("slowClients.maxThreadsPerAddress", "1024");
    try (Node first = Node.start(db, oneAddress);
        Node second = Node.start(db, oneAddress)) {
      List<StoreClient> nodes = List.of(first.client(), second.client());
      Shop.Producer seller = new Shop(first.client()).newProducer("idem-nodes");
      String body = "{\"title\":\"Raced tea\",\"price\":4.50,\"inventory_count\":7}";

      Race products =
          race(nodes, "/api/products", body, seller.token(), UUID.randomUUID().toString());
      int made = productsTitled(first.client(), seller, "Raced tea");
      assertThat(made).as("products made by %d keyed requests", REQUESTS).isEqualTo(1);
      assertEveryAnswerIsTheFirstOrInUse(products);

      Race carts = race(nodes, "/api/shopping_cart", null, null, UUID.randomUUID().toString());
      assertEveryAnswerIsTheFirstOrInUse(carts);
      long cartId = Shop.cartOf(firstAnswer(carts).json()).id();
      assertThat(
              carts.replies().stream()
                  .filter(r -> r.status() == 200)
                  .map(r -> Shop.cartOf(r.json()).id())
                  .distinct())
          .containsExactly(cartId);

      Figures.record(
          "IdempotencyNodesIT",
          String.format(
              "%d requests with one key over 2 nodes: product %d carried out, %d replayed, %d in"
                  + " use (1 product made); cart %d carried out, %d replayed, %d in use",
              REQUESTS,
              products.created(),
              products.replayed(),
              products.inUse(),
              carts.created(),
              carts.replayed(),
              carts.inUse()));

      // The control: the same race without a key makes a product per request.
      Race unkeyed =
          race(nodes, "/api/products", body.replace("Raced", "Unkeyed"), seller.token(), null);
      assertThat(unkeyed.created()).isEqualTo(REQUESTS);
      assertThat(productsTitled(first.client(), seller, "Unkeyed tea")).isEqualTo(REQUESTS);
    }
  }

  private static void assertEveryAnswerIsTheFirstOrInUse(Race race) {
    Reply firstAnswer = firstAnswer(race);
    assertThat(race.created()).as("requests carried out").isEqualTo(1);
    assertThat(race.created() + race.replayed() + race.inUse()).isEqualTo(REQUESTS);
    for (Reply reply : race.replies()) {
      if (reply.status() == 200) {
        assertThat(reply.body()).isEqualTo(firstAnswer.body());
        assertThat(reply.header("Location")).isEqualTo(firstAnswer.header("Location"));
      } else {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.problemType()).isEqualTo("/problems/idempotency-key-in-use");
        assertThat(reply.header("Retry-After")).contains("1");
      }
    }
  }

  private static Reply firstAnswer(Race race) {
    return race.replies().stream()
        .filter(r -> r.status() == 200 && r.header("Idempotent-Replayed").isEmpty())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no request was carried out: " + race.replies()));
  }

  /** {@link #REQUESTS} at once, alternating between the nodes, all with {@code key} (or none). */
  private static Race race(
      List<StoreClient> nodes, String path, String body, String token, String key)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Reply>> futures = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        StoreClient node = nodes.get(i % nodes.size());
        Callable<Reply> request =
            () -> {
              Map<String, String> headers = new LinkedHashMap<>();
              if (key != null) {
                headers.put("Idempotency-Key", key);
              }
              go.await();
              return node.send("POST", path, body, token, headers);
            };
        futures.add(pool.submit(request));
      }
      go.countDown();
      List<Reply> replies = new ArrayList<>();
      int created = 0;
      int inUse = 0;
      int replayed = 0;
      for (Future<Reply> future : futures) {
        Reply reply = future.get();
        replies.add(reply);
        if (reply.status() == 409) {
          inUse++;
        } else if (reply.status() == 200 && reply.header("Idempotent-Replayed").isPresent()) {
          replayed++;
        } else if (reply.status() == 200) {
          created++;
        }
      }
      return new Race(replies, created, inUse, replayed);
    } finally {
      pool.shutdownNow();
    }
  }

  private static int productsTitled(StoreClient client, Shop.Producer seller, String title) {
    Reply list =
        client.get("/api/products?min-inventory-count=0&limit=1000&producer_id=" + seller.id());
    return (int) list.json().findValuesAsText("title").stream().filter(title::equals).count();
  }
}

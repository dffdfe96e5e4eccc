package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.barebones.store.app.testing.ChildServer;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.Shop;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * Proof: the packaged server, killed with SIGKILL while clients create products with keys, keeps
 * every answer it gave with its product and no answer without one: restarted on the same database,
 * a retry of a request answered before the kill gets that answer again, replayed, and a retry of a
 * request cut off by the kill either gets the answer its committed change had (replayed) or is
 * carried out now; every key ends with exactly one product. On the embedded H2 file database and on
 * PostgreSQL.
 */
class IdempotencyCrashIT {

  private static final Path WORK = Path.of("target", "integrity", "idempotency-crash");
  private static final int CLIENTS = 8;
  private static final int KILL_AFTER = 60;
  private static final Map<String, String> SETTINGS =
      Map.of(
          "passwordHashIterations", "1000",
          "jwt.secret", Node.SECRET,
          "logging.level", "INFO",
          "cartCreationLimit.maxPerAddress", "0");

  @Test
  void h2File_killedMidRequests_replaysEveryKeptAnswerAfterRestart() throws Exception {
    Path dir = WORK.resolve("h2-" + System.nanoTime()).toAbsolutePath();
    provesKeptAnswersSurvive("IdempotencyCrashIT H2 file", Db.h2File(dir), dir);
  }

  @Test
  void postgres_killedMidRequests_replaysEveryKeptAnswerAfterRestart() throws Exception {
    Path dir = WORK.resolve("pg-" + System.nanoTime()).toAbsolutePath();
    provesKeptAnswersSurvive(
        "IdempotencyCrashIT PostgreSQL", Db.postgres("idempotency_crash"), dir);
  }

  private static String body(int i) {
    return "{\"title\":\"Crash " + i + "\",\"price\":2.00,\"inventory_count\":1}";
  }

  private static Reply create(StoreClient client, String token, String run, int i) {
    return client.send(
        "POST", "/api/products", body(i), token, Map.of("Idempotency-Key", run + "-" + i));
  }

  private static void provesKeptAnswersSurvive(String proof, Db db, Path dir) throws Exception {
    String run = UUID.randomUUID().toString();
    Map<Integer, Reply> answered = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean killed = new AtomicBoolean();
    Shop.Producer seller;
    int sent;
    try (ChildServer child = ChildServer.start(db, dir, "before-kill", null, SETTINGS)) {
      StoreClient client = new StoreClient(child.port(), Duration.ofSeconds(10));
      seller = new Shop(client).newProducer("crash");
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          clients.add(
              pool.submit(
                  () -> {
                    while (!killed.get()) {
                      int i = next.getAndIncrement();
                      try {
                        Reply reply = create(client, seller.token(), run, i);
                        if (reply.status() == 200) {
                          answered.put(i, reply);
                        }
                      } catch (UncheckedIOException cutOff) {
                        return null; // the server died mid-request
                      }
                    }
                    return null;
                  }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answered.size() < KILL_AFTER && System.nanoTime() < deadline) {
          // Polls a count the load threads raise: the kill must come soon after it is reached.
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        child.kill();
        killed.set(true);
        for (Future<?> f : clients) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      sent = next.get();
    }
    assertThat(answered).as("creations answered before the kill").isNotEmpty();

    int replayedCutOff = 0;
    int carriedOutAfter = 0;
    try (ChildServer child = ChildServer.start(db, dir, "after-restart", null, SETTINGS)) {
      StoreClient client = new StoreClient(child.port(), Duration.ofSeconds(10));
      for (int i = 0; i < sent; i++) {
        Reply retry = create(client, seller.token(), run, i);
        assertThat(retry.status()).as("retry of %d: %s", i, retry).isEqualTo(200);
        Reply before = answered.get(i);
        boolean replayed = retry.header("Idempotent-Replayed").isPresent();
        if (before != null) {
          assertThat(replayed).as("retry of %d, answered before the kill", i).isTrue();
          assertThat(retry.body()).isEqualTo(before.body());
          assertThat(retry.header("Location")).isEqualTo(before.header("Location"));
        } else if (replayed) {
          replayedCutOff++;
        } else {
          carriedOutAfter++;
        }
        long id = retry.json().path("id").asLong();
        assertThat(client.get("/api/products/" + id).status())
            .as("the product the answer to %d names", i)
            .isEqualTo(200);
      }
      Reply list =
          client.get("/api/products?min-inventory-count=0&limit=1000&producer_id=" + seller.id());
      List<String> titles = list.json().findValuesAsText("title");
      for (int i = 0; i < sent; i++) {
        String title = "Crash " + i;
        assertThat(titles.stream().filter(title::equals))
            .as("products titled %s", title)
            .hasSize(1);
      }
      assertThat(titles).hasSize(sent);
    }
    Figures.record(
        proof,
        String.format(
            "%d keyed creations sent, %d answered before SIGKILL (each replayed identically after"
                + " restart), %d cut off: %d had committed (replayed), %d carried out after"
                + " restart; %d products, one per key",
            sent, answered.size(), sent - answered.size(), replayedCutOff, carriedOutAfter, sent));
  }
}

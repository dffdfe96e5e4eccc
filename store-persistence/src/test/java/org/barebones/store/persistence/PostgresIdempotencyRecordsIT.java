package org.barebones.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.barebones.store.domain.idempotency.Claim;
import org.barebones.store.domain.idempotency.IdempotencyKey;
import org.barebones.store.domain.idempotency.IdempotencyOwner;
import org.barebones.store.domain.idempotency.IdempotencyRecord;
import org.barebones.store.domain.idempotency.KeptAnswer;
import org.barebones.store.domain.idempotency.RequestFingerprint;
import org.barebones.store.domain.port.StorePersistence;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The IdempotencyRecords contract and its control, on PostgreSQL; and two nodes (two sets of
 * adapters, each with its own connection pool) over one database: while one node's transaction
 * holds a key, the other's claim answers "in use" at once, then finds the kept record.
 */
class PostgresIdempotencyRecordsIT extends JdbiIdempotencyRecordsContract {

  PostgresIdempotencyRecordsIT() {
    super(TestDatabases.Kind.POSTGRESQL);
  }

  @Test
  void aKeyHeldOnOneNode_isInUseOnTheOther_withoutWaiting_thenKept() throws Exception {
    Instant now = freshNow();
    StorePersistence nodeA = database.store();
    StorePersistence nodeB =
        JdbiStorePersistence.open(Jdbi.create(database.dataSource()), TestDatabases.CURRENCY);
    IdempotencyOwner owner = IdempotencyOwner.clientAddress("192.0.2." + UUID.randomUUID());
    IdempotencyKey key = new IdempotencyKey(UUID.randomUUID().toString());
    KeptAnswer answer = new KeptAnswer(200, List.of(), "{\"id\":1}".getBytes());
    IdempotencyRecord record =
        new IdempotencyRecord(
            owner,
            key,
            RequestFingerprint.of("POST /x", new byte[0]),
            answer,
            now,
            now.plus(Duration.ofHours(1)));
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Claim> onA =
        CompletableFuture.supplyAsync(
            () ->
                nodeA
                    .transactions()
                    .inTransaction(
                        () -> {
                          Claim claim = nodeA.idempotency().claim(owner, key, now);
                          nodeA.idempotency().keep(record);
                          claimed.countDown();
                          try {
                            release.await(30, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return claim;
                        }));
    try {
      assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();
      long start = System.nanoTime();
      Claim onB =
          nodeB.transactions().inTransaction(() -> nodeB.idempotency().claim(owner, key, now));
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("[PostgresIdempotencyRecordsIT] in use on node B after " + millis + " ms");
      assertThat(onB).isInstanceOf(Claim.InUse.class);
      assertThat(millis).as("node B did not wait for node A").isLessThan(5_000);
      assertThat(nodeB.idempotency().find(owner, key)).as("uncommitted on A").isEmpty();
    } finally {
      release.countDown();
    }
    assertThat(onA.get(30, TimeUnit.SECONDS)).isInstanceOf(Claim.Claimed.class);
    assertThat(nodeB.transactions().inTransaction(() -> nodeB.idempotency().claim(owner, key, now)))
        .isEqualTo(new Claim.Kept(record));
  }
}

package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.barebones.store.app.testing.Await;
import org.barebones.store.app.testing.Db;
import org.barebones.store.app.testing.Node;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * The Idempotency-Key scenarios on the server's embedded database, H2 (in memory here); and, on a
 * server of its own, that a replay counts nothing against the cart creation limit and that the
 * sweep removes the records once their retention has passed.
 */
class H2IdempotencyIT extends IdempotencyScenarios {

  static final DropwizardAppExtension<StoreConfiguration> APP =
      Node.extension(Db.h2InMemory("idempotency"));

  H2IdempotencyIT() {
    super(APP);
  }

  @Test
  void aReplayedCartCreation_countsNothingAgainstTheLimit_andExpiredRecordsAreSwept()
      throws Exception {
    Db db = Db.h2InMemory("idempotency_limit");
    try (Node node =
        Node.start(
            db,
            Map.of(
                "cartCreationLimit.maxPerAddress", "2",
                "cartCreationLimit.window", "1h",
                "idempotency.retention", "2s",
                "idempotency.sweepInterval", "100ms"))) {
      StoreClient client = node.client();
      String key = key();
      Reply first = post(client, "/api/shopping_cart", null, null, key);
      for (int i = 0; i < 5; i++) {
        Reply replay = post(client, "/api/shopping_cart", null, null, key);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());
      }
      // The first counted one; the five replays none: one more cart still fits the limit of 2.
      assertThat(post(client, "/api/shopping_cart", null, null, null).status()).isEqualTo(200);
      Reply refused = post(client, "/api/shopping_cart", null, null, key());
      assertThat(refused.status()).isEqualTo(429);
      // A refusal for the rate is not kept: that key is free for a later try.
      assertThat(records(db)).isEqualTo(1);

      Await.until(
          "the sweep to remove the expired record", Duration.ofSeconds(20), () -> records(db) == 0);
    }
  }

  private static int records(Db db) {
    try (Connection connection = db.connect();
        ResultSet rows =
            connection.createStatement().executeQuery("SELECT count(*) FROM idempotency_record")) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

package org.barebones.store.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.barebones.store.app.StoreApplication;
import org.barebones.store.app.StoreConfiguration;
import org.barebones.store.app.integrity.Accounting.Report;
import org.barebones.store.app.integrity.CheckoutLoad.Result;
import org.barebones.store.app.integrity.CheckoutLoad.Settings;
import org.junit.jupiter.api.Test;

/**
 * Proof: two store servers over one PostgreSQL, 64 buyers spreading their requests over both and
 * racing for scarce stock, never sell a unit that is not there, and the books balance to the unit:
 * for every product, units in orders plus stock left equal the stock at the start; one order per
 * checkout answered 200, none per checkout answered 409; every cart checked out twice at once (on
 * two nodes) gets one and the same order. The same race against a store with a read-then-write
 * stock decrement must be caught, or the proof proves nothing.
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
    Outcome outcome = race(StoreApplication.class, db);

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
          race(ReadThenWriteStockApplication.class, Db.postgres("many_nodes_control"));
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

  private static Outcome race(
      Class<? extends io.dropwizard.core.Application<StoreConfiguration>> application, Db db)
      throws Exception {
    // Every buyer comes from 127.0.0.1: lift the per-address thread limit, which SlowClientsIT
    // proves, so that the race is not paced by it.
    Map<String, String> oneAddress = Map.of("slowClients.maxThreadsPerAddress", "1024");
    try (Node first = Node.start(application, db, oneAddress);
        Node second = Node.start(application, db, oneAddress)) {
      CheckoutLoad load =
          new CheckoutLoad(List.of(first.shop(), second.shop()), settings()).stock();
      Result result = load.race();
      try (Connection connection = db.connect()) {
        return new Outcome(result, Accounting.check(connection, load.startStock(), load.ledger()));
      }
    }
  }
}

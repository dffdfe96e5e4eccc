package org.barebones.store.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What the suites measured, for the report. */
final class Figures {
  private Figures() {}

  /**
   * The listing suite on one database: its measurements and other figures (seconds, MiB) by the
   * names {@code Benchmark.listingSuite} gives them ({@code original} null without --original).
   */
  record Listing(
      String database,
      Map<String, Load.Result> r,
      Map<String, Double> n,
      List<Load.Result> smallSearches,
      List<Load.Result> largeSearches,
      List<SweepPoint> sweep,
      List<Path> recordings) {}

  record SweepPoint(Load.Result list, Load.Result ping) {}

  /**
   * The checkout suite on one database: its measurements and other figures by the names {@code
   * Benchmark.checkoutSuite} gives them ({@code inProcess8} and {@code 16} null but on PostgreSQL).
   */
  record Checkout(
      String database,
      Map<String, Load.Result> r,
      Map<String, Double> n,
      Exactness exactness,
      Probe probe,
      List<Path> recordings) {}

  /** Units sold (from the orders the API returned) + stock left = stock at start, per product. */
  record Exactness(
      int productsChecked,
      long orders,
      long unitsSold,
      long unknownOutcomes,
      List<String> mismatches,
      Map<Integer, Long> statuses) {
    boolean exact() {
      return mismatches.isEmpty();
    }

    String verdict() {
      return exact() ? "**holds for every product**" : "**FAILS**: " + mismatches;
    }
  }

  /** Many carts of one unit racing for a product with less stock than carts. */
  record Probe(
      int stock,
      int carts,
      long succeeded,
      long refused,
      long other,
      int stockLeft,
      boolean distinctOrders) {
    boolean exact() {
      return succeeded == stock
          && refused == carts - stock
          && other == 0
          && stockLeft == 0
          && distinctOrders;
    }

    String verdict() {
      return exact() ? "**exact**" : "**NOT exact**";
    }
  }

  record FlashRun(String where, int connections, Load.Result hot, Load.Result spread) {}

  /** The flash sale on one database and number of nodes: hot against spread at each concurrency. */
  record FlashSale(
      String database,
      int nodes,
      List<FlashRun> runs,
      Probe exactness,
      Load.Result addToCartIdle,
      Load.Result addToCartDuringSale) {
    String label() {
      return runs.get(0).where();
    }
  }

  /** Database bytes per cart, empty and with one line, while the server runs and at rest. */
  record Storage(
      String database,
      double emptyWhileRunning,
      double emptyAtRest,
      double oneLineWhileRunning,
      double oneLineAtRest) {

    /** Carts per measurement: enough for PostgreSQL's 8 KiB pages to average out. */
    static final int CARTS = 2_000;
  }
}

package org.barebones.store.bench;

import java.util.List;
import java.util.Map;

/** What the suites measured, for the report. */
final class Figures {
  private Figures() {}

  /** The listing suite on one database. */
  record Listing(
      String database,
      double startupSeconds,
      double largeStartupSeconds,
      double fillSeconds,
      int fillRequests,
      double bulkSeconds,
      String bulkMethod,
      HttpLoad.Result smallFirstPage,
      HttpLoad.Result smallPages,
      HttpLoad.Result largeFirstPage,
      HttpLoad.Result largePages,
      /** The first page of each of {@code Benchmark.SEARCHES}, on the small catalogue. */
      List<HttpLoad.Result> smallSearches,
      /** The same searches on the large catalogue. */
      List<HttpLoad.Result> largeSearches,
      int smallCatalogue,
      int largeCatalogue,
      HttpLoad.Result cartOneLine,
      HttpLoad.Result cartHundredLines,
      HttpLoad.Result list100,
      HttpLoad.Result ping,
      HttpLoad.Result root,
      HttpLoad.Result list200,
      HttpLoad.Result list100NotModified,
      HttpLoad.Result cartView,
      HttpLoad.Result cartViewNotModified,
      HttpLoad.Result cartFlow,
      List<HttpLoad.Result> sweepList,
      List<HttpLoad.Result> sweepPing,
      long idleRssKib,
      long maxRssKib,
      long peakRssKib,
      JfrSummary profile,
      /** The original API's listing of its 200 products in this run, or null (no --original). */
      HttpLoad.Result originalList200) {}

  /** The checkout suite on one database. */
  record Checkout(
      String database,
      double startupSeconds,
      int products,
      int cartsPrepared,
      double cartPrepSeconds,
      HttpLoad.Result calibration,
      HttpLoad.Result http8,
      HttpLoad.Result http16,
      JdbcCheckout.Result jdbc8,
      JdbcCheckout.Result jdbc16,
      Exactness exactness,
      Probe probe,
      JfrSummary profile) {}

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
  }

  /** Many carts racing for a product with little stock. */
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
  }
}

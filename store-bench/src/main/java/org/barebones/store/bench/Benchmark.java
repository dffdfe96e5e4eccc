package org.barebones.store.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The benchmark: builds nothing (the {@code bench/run} script does), starts the server as a child
 * process, fills it through its public API, drives load over HTTP from this process, and writes a
 * Markdown report and a throughput chart.
 */
public final class Benchmark {

  static final String H2 = "H2";
  static final String POSTGRES = "PostgreSQL";
  private static final BigDecimal PRICE = new BigDecimal("9.99");

  /** {@code GET /} as a browser would send it: the resource answers text/plain only. */
  private static final byte[] ROOT =
      "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/plain\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);

  private static final int AMPLE_STOCK = 1_000_000;
  private static final int CHECKOUT_PRODUCTS = 200;
  private static final int PROBE_STOCK = 50;
  private static final int PROBE_CARTS = 200;
  private static final int CALIBRATION_CARTS = 2_000;

  private final Options options;
  private final Deque<AutoCloseable> open = new ArrayDeque<>();
  private final Random random = new Random(42);
  private Postgres postgres;

  /** The server being measured: its CPU time is read around each measurement. */
  private ServerProcess measured;

  /** Server CPU time per request (µs) of each measurement, where it could be read. */
  private final Map<HttpLoad.Result, Double> cpuMicros = new IdentityHashMap<>();

  private Map<String, String> postgresSettings = Map.of();

  private Benchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args).withLauncherOptions();
    } catch (IllegalArgumentException e) {
      boolean help = e.getMessage().isEmpty();
      if (!help) {
        System.err.println(e.getMessage());
      }
      System.err.print(Options.USAGE);
      System.exit(help ? 0 : 2);
      return;
    }
    Benchmark benchmark = new Benchmark(options);
    Thread cleanup = new Thread(benchmark::closeAll, "bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      benchmark.run();
    } finally {
      benchmark.closeAll();
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
  }

  private void run() throws Exception {
    if (!Files.isRegularFile(options.jar())) {
      throw new IOException("no server jar at " + options.jar() + ": run mvn package first");
    }
    Files.createDirectories(options.work());
    Instant started = Instant.now();
    String loadAtStart = Report.loadAverage();
    List<Figures.Listing> listings = new ArrayList<>();
    List<Figures.Checkout> checkouts = new ArrayList<>();
    if (options.listingOnH2()) {
      listings.add(listingSuite(H2));
    }
    if (options.needsPostgres()) {
      startPostgres();
    }
    if (options.listingOnPostgres()) {
      listings.add(listingSuite(POSTGRES));
    }
    if (options.checkoutOnPostgres()) {
      checkouts.add(checkoutSuite(POSTGRES));
    }
    if (options.checkoutOnH2()) {
      checkouts.add(checkoutSuite(H2));
    }
    List<CartStorage.Figures> storage = new ArrayList<>();
    if (options.cartStorage()) {
      storage.add(cartStorageSuite(H2));
      storage.add(cartStorageSuite(POSTGRES));
    }
    Duration took = Duration.between(started, Instant.now());
    Report report =
        new Report(
            options,
            started,
            took,
            Files.size(options.jar()),
            postgres == null ? null : describePostgres(),
            listings,
            checkouts,
            cpuMicros,
            loadAtStart + " at the start, " + Report.loadAverage() + " at the end",
            readNotes());
    String markdown =
        options.only().equals("carts")
            ? "# Storage per cart\n\n" + CartStorage.markdown(storage).replaceFirst("## .*\n\n", "")
            : report.markdown() + (storage.isEmpty() ? "" : "\n" + CartStorage.markdown(storage));
    Path out = options.out();
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, markdown, StandardCharsets.UTF_8);
    if (!listings.isEmpty()) {
      Files.writeString(options.chart(), report.chart(listings.get(0)), StandardCharsets.UTF_8);
    }
    System.out.println(markdown);
    log("report written to " + out + (listings.isEmpty() ? "" : " and " + options.chart()));
  }

  // ---------------------------------------------------------------- listing

  private Figures.Listing listingSuite(String database) throws Exception {
    log("== listing suite on " + database);
    Path dir = options.work().resolve("listing-" + database.toLowerCase(Locale.ROOT));
    deleteRecursively(dir);
    Files.createDirectories(dir);
    String databaseYaml = "";
    if (database.equals(POSTGRES)) {
      postgres.recreateDatabase("bench_listing");
      databaseYaml = postgres.serverConfig("bench_listing");
    }
    ServerProcess server = startServer(dir, databaseYaml);
    double startup = server.startupNanos() / 1e9;
    log(String.format(Locale.ROOT, "server up in %.2f s (pid %d)", startup, server.pid()));
    long idleRss = server.rssKib();
    HttpLoad load = new HttpLoad(ServerProcess.HOST, server.port());
    HttpLoad admin = new HttpLoad(ServerProcess.HOST, server.adminPort());

    HttpLoad.Result smallFirst;
    HttpLoad.Result smallPages;
    List<HttpLoad.Result> smallSearches;
    HttpLoad.Result cartOne;
    HttpLoad.Result cartHundred;
    HttpLoad.Result list100;
    HttpLoad.Result ping;
    HttpLoad.Result root;
    HttpLoad.Result list200;
    HttpLoad.Result originalList200 = null;
    HttpLoad.Result listing304;
    HttpLoad.Result cartFull;
    HttpLoad.Result cart304;
    HttpLoad.Result cartFlow;
    List<HttpLoad.Result> sweepList = new ArrayList<>();
    List<HttpLoad.Result> sweepPing = new ArrayList<>();
    long maxRss;
    double fillSeconds;
    JfrSummary profile = null;
    StoreApi.Producer producer;
    try (StoreApi api = new StoreApi(server.port(), 16)) {
      producer = api.createProducer("bench_" + Long.toHexString(random.nextLong()), "bench-pass-1");
      long fillStart = System.nanoTime();
      List<Long> first =
          api.createProducts(
              producer, options.smallCatalogue(), Benchmark::title, PRICE, AMPLE_STOCK);
      double firstFill = (System.nanoTime() - fillStart) / 1e9;
      log(
          String.format(
              Locale.ROOT, "filled %d products in %.1f s", options.smallCatalogue(), firstFill));

      // (3) listing latency over the small catalogue, and cart views.
      jitWarmUp(load, firstPage(100));
      smallFirst = latency(load, "first page, " + options.smallCatalogue(), firstPage(100));
      long smallMaxId = first.stream().mapToLong(Long::longValue).max().orElse(1);
      smallPages =
          latency(load, "random pages, " + options.smallCatalogue(), pages(smallMaxId, 100));
      smallSearches = searches(api, load, options.smallCatalogue());
      StoreApi.Cart one = api.createCart();
      api.putLine(one, first.get(0), 1);
      StoreApi.Cart hundred = api.createCart();
      for (int i = 0; i < 100; i++) {
        api.putLine(hundred, first.get(i), 1 + i % 3);
      }
      cartOne =
          latency(
              load,
              "cart view, 1 line",
              HttpLoad.repeat(HttpLoad.get("/api/shopping_cart/" + one.id(), one.token())));
      cartHundred =
          latency(
              load,
              "cart view, 100 lines",
              HttpLoad.repeat(HttpLoad.get("/api/shopping_cart/" + hundred.id(), hundred.token())));

      // Fill up to the full catalogue.
      fillStart = System.nanoTime();
      api.createProducts(
          producer,
          options.catalogue() - options.smallCatalogue(),
          i -> "Product " + (options.smallCatalogue() + i),
          PRICE,
          AMPLE_STOCK);
      fillSeconds = firstFill + (System.nanoTime() - fillStart) / 1e9;
      log(String.format(Locale.ROOT, "filled %d products", options.catalogue()));

      // (1), the original's listing workload, and the concurrency sweep, sampling RSS.
      try (ServerProcess.RssSampler rss = server.sampleRss()) {
        list100 = measure(load, "GET /api/products?limit=100", 32, firstPage(100));
        ping = measure(admin, "admin GET /ping", 32, HttpLoad.repeat(HttpLoad.get("/ping", null)));
        // The least a request through Jersey costs here: a constant text, no JSON, no database.
        root = measure(load, "GET / (text, through Jersey)", 32, HttpLoad.repeat(ROOT));
        list200 = measure(load, "GET /api/products?limit=200", 16, firstPage(200));
        if (options.originalPort() > 0) {
          originalList200 = originalListing(options.originalPort());
        }
        for (int c : options.sweep()) {
          sweepList.add(
              measure(
                  load,
                  "GET /api/products?limit=100",
                  c,
                  firstPage(100),
                  shortWarmup(),
                  options.sweepDuration()));
          sweepPing.add(
              measure(
                  admin,
                  "admin GET /ping",
                  c,
                  HttpLoad.repeat(HttpLoad.get("/ping", null)),
                  shortWarmup(),
                  options.sweepDuration()));
        }
        maxRss = rss.maxKib();
      }

      // (7) conditional GETs: the same page and cart, answered 304, against their full answers.
      String page = "/api/products?limit=100";
      listing304 =
          measure(
              load,
              "GET /api/products?limit=100, If-None-Match: 304",
              32,
              HttpLoad.repeat(HttpLoad.conditionalGet(page, null, api.etag(page, null))));
      String cartPath = "/api/shopping_cart/" + one.id();
      cartFull =
          measure(
              load, "cart view, 1 line", 16, HttpLoad.repeat(HttpLoad.get(cartPath, one.token())));
      cart304 =
          measure(
              load,
              "cart view, 1 line, If-None-Match: 304",
              16,
              HttpLoad.repeat(
                  HttpLoad.conditionalGet(cartPath, one.token(), api.etag(cartPath, one.token()))));
      // (8) the cart flow: create a cart, put a line, view it, delete it; each a request.
      CartFlow flow = new CartFlow(first.subList(0, 100));
      cartFlow =
          measure(
              load,
              "cart flow: create, put, view, delete",
              16,
              flow,
              flow,
              options.warmup(),
              options.duration());
      log(
          String.format(
              Locale.ROOT,
              "cart flow: %,d visits completed, %,d abandoned",
              flow.completed(),
              flow.abandoned()));
      if (options.profile()) {
        // A run of its own: JFR's sampling must not weigh on the figures above.
        server.startRecording("listing");
        load.run("profiled listing", 32, Duration.ZERO, options.duration(), firstPage(100));
        Path jfr = dir.resolve("listing.jfr");
        profile =
            !server.stopRecording("listing", jfr)
                ? null
                : JfrSummary.of("GET /api/products?limit=100 at 32 connections", jfr, 20);
        // The cart flow's recording is kept beside it (cartflow.jfr), not summarised here.
        server.startRecording("cartflow");
        CartFlow profiledFlow = new CartFlow(first.subList(0, 100));
        load.run(
            "profiled cart flow",
            16,
            Duration.ZERO,
            options.duration(),
            profiledFlow,
            profiledFlow);
        server.stopRecording("cartflow", dir.resolve("cartflow.jfr"));
      }
    }
    long peakRss = server.peakRssKib();
    stopServer(server);

    // (3) the large catalogue: bulk rows by SQL, then a fresh server.
    long bulkStart = System.nanoTime();
    int extra = options.largeCatalogue() - options.catalogue();
    Bulk bulk = bulkInsert(database, dir, producer.id(), extra);
    double bulkSeconds = (System.nanoTime() - bulkStart) / 1e9;
    log(
        String.format(
            Locale.ROOT,
            "inserted %d more products with one SQL statement in %.1f s",
            extra,
            bulkSeconds));
    ServerProcess large = startServer(dir, databaseYaml);
    double largeStartup = large.startupNanos() / 1e9;
    HttpLoad largeLoad = new HttpLoad(ServerProcess.HOST, large.port());
    jitWarmUp(largeLoad, firstPage(100));
    HttpLoad.Result largeFirst =
        latency(largeLoad, "first page, " + options.largeCatalogue(), firstPage(100));
    HttpLoad.Result largePages =
        latency(largeLoad, "random pages, " + options.largeCatalogue(), pages(bulk.maxId(), 100));
    List<HttpLoad.Result> largeSearches;
    try (StoreApi api = new StoreApi(large.port(), 1)) {
      largeSearches = searches(api, largeLoad, options.largeCatalogue());
    }
    stopServer(large);

    return new Figures.Listing(
        database,
        startup,
        largeStartup,
        fillSeconds,
        options.catalogue() + 1,
        bulkSeconds,
        bulk.method(),
        smallFirst,
        smallPages,
        largeFirst,
        largePages,
        smallSearches,
        largeSearches,
        options.smallCatalogue(),
        options.largeCatalogue(),
        cartOne,
        cartHundred,
        list100,
        ping,
        root,
        list200,
        listing304,
        cartFull,
        cart304,
        cartFlow,
        sweepList,
        sweepPing,
        idleRss,
        maxRss,
        peakRss,
        profile,
        originalList200);
  }

  /**
   * The original API (started by hand beside this benchmark, see {@code --original}): a producer
   * and 200 products made through its own API, then its listing (its {@code GET /api/products}
   * answers every product in stock: the 200) at 16 connections, with the same driver and durations
   * as this server's listing of 200. Its CPU is not measured (another process).
   */
  private HttpLoad.Result originalListing(int port) throws IOException, InterruptedException {
    int products = 200;
    try (StoreApi original = new StoreApi(port, 1)) {
      StoreApi.Producer producer =
          original.createProducer("bench-" + System.nanoTime(), "bench-password-1");
      for (int i = 0; i < products; i++) {
        original.createOriginalProduct(producer, "Product " + i, new BigDecimal("9.99"), 1_000);
      }
      int listed = original.get("/api/products", null).path("products").size();
      if (listed != products) {
        throw new IllegalStateException(
            "the original on 127.0.0.1:"
                + port
                + " lists "
                + listed
                + " products, not "
                + products
                + ": start it on a fresh SEED_DB");
      }
    }
    log("original: 200 products made through its API");
    HttpLoad originalLoad = new HttpLoad(ServerProcess.HOST, port);
    HttpLoad.RequestSource all = HttpLoad.repeat(HttpLoad.get("/api/products", null));
    originalLoad.run(
        "original GET /api/products (warm-up)", 16, Duration.ZERO, options.warmup(), all);
    return originalLoad.run(
        "original GET /api/products (200 products)", 16, Duration.ZERO, options.duration(), all);
  }

  /**
   * The title of the i-th product made through the API: "Product i", and one in 500 (7, 507, ...)
   * also "saffron", the rare word of the searches. The bulk rows of the large catalogue never hold
   * it, so the rare term matches the same few products on both catalogues.
   */
  static String title(int i) {
    return i % 500 == 7 ? "Product " + i + " saffron" : "Product " + i;
  }

  /** How many of the first {@code n} products are titled with the rare word. */
  static int rareProducts(int n) {
    return n <= 7 ? 0 : (n - 8) / 500 + 1;
  }

  /** The searches measured: a rare term, a term every product holds, the two together. */
  static final List<String[]> SEARCHES =
      List.of(
          new String[] {"rare term", "saffron"},
          new String[] {"common term", "product"},
          new String[] {"common and rare terms", "pro+saffron"});

  /**
   * The latency (one connection) of the first page of each of {@link #SEARCHES}, after checking
   * that each finds what the titles say: the rare products, and a full page with a next one.
   */
  private List<HttpLoad.Result> searches(StoreApi api, HttpLoad load, int catalogue)
      throws IOException, InterruptedException {
    int rare = rareProducts(options.smallCatalogue());
    List<HttpLoad.Result> results = new ArrayList<>();
    for (String[] search : SEARCHES) {
      String path = "/api/products?q=" + search[1] + "&limit=100";
      int found = api.get(path, null).size();
      int expected = search[1].equals("product") ? 100 : rare;
      if (found != expected) {
        throw new IllegalStateException(
            path + " found " + found + " products on " + catalogue + ", not " + expected);
      }
      results.add(
          latency(
              load,
              String.format(
                  Locale.ROOT,
                  "search, %s (`q=%s`, %s), %,d",
                  search[0],
                  search[1],
                  expected == 100 ? "every product" : expected + " products",
                  catalogue),
              HttpLoad.repeat(HttpLoad.get(path, null))));
    }
    return results;
  }

  private static HttpLoad.RequestSource firstPage(int limit) {
    return HttpLoad.repeat(HttpLoad.get("/api/products?limit=" + limit, null));
  }

  /** Pages at random keyset positions across ids 1..maxId (deep pages included). */
  private HttpLoad.RequestSource pages(long maxId, int limit) {
    List<byte[]> requests = new ArrayList<>();
    long positions = Math.max(1, maxId - limit);
    for (int i = 0; i < 4096; i++) {
      long after = i == 0 ? 0 : (long) (random.nextDouble() * positions);
      requests.add(HttpLoad.get("/api/products?limit=" + limit + "&after=" + after, null));
    }
    return HttpLoad.cycle(requests);
  }

  /** Latency: one connection, so that the figure is service time, not queueing. */
  private HttpLoad.Result latency(HttpLoad load, String name, HttpLoad.RequestSource source)
      throws InterruptedException {
    return measure(load, name, 1, source);
  }

  private HttpLoad.Result measure(
      HttpLoad load, String name, int connections, HttpLoad.RequestSource source)
      throws InterruptedException {
    return measure(load, name, connections, source, options.warmup(), options.duration());
  }

  private HttpLoad.Result measure(
      HttpLoad load,
      String name,
      int connections,
      HttpLoad.RequestSource source,
      Duration warmup,
      Duration duration)
      throws InterruptedException {
    return measure(load, name, connections, source, null, warmup, duration);
  }

  /** As the other {@code measure}s; {@code sink} (may be null) receives every answer. */
  private HttpLoad.Result measure(
      HttpLoad load,
      String name,
      int connections,
      HttpLoad.RequestSource source,
      HttpLoad.ResponseSink sink,
      Duration warmup,
      Duration duration)
      throws InterruptedException {
    if (!warmup.isZero()) {
      load.run(name, connections, Duration.ZERO, warmup, source, sink);
    }
    long cpuBefore = measured.cpuNanos();
    HttpLoad.Result result = load.run(name, connections, Duration.ZERO, duration, source, sink);
    long cpuAfter = measured.cpuNanos();
    double cpu = Double.NaN;
    if (cpuBefore >= 0 && cpuAfter >= 0 && result.requests() + result.errors() > 0) {
      cpu = (cpuAfter - cpuBefore) / 1e3 / (result.requests() + result.errors());
      cpuMicros.put(result, cpu);
    }
    log(
        String.format(
            Locale.ROOT,
            "%-40s c=%-3d %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d  server CPU %.0f µs/req",
            name,
            connections,
            result.perSecond(),
            result.p50(),
            result.p99(),
            result.errors(),
            cpu));
    return result;
  }

  /**
   * Gives a fresh server's JIT the same head start before each set of latency measurements, so that
   * the small and the large catalogue (each on a server of its own) are compared alike.
   */
  private void jitWarmUp(HttpLoad load, HttpLoad.RequestSource source) throws InterruptedException {
    load.run("JIT warm-up", 8, Duration.ZERO, options.warmup().multipliedBy(2), source);
  }

  private Duration shortWarmup() {
    return Duration.ofMillis(Math.min(1_000, options.warmup().toMillis()));
  }

  /** How the large catalogue was made, and its highest id. */
  private record Bulk(String method, long maxId) {}

  /** Adds products up to the large catalogue with one SQL statement, the server stopped. */
  private Bulk bulkInsert(String database, Path dir, long producerId, int count)
      throws SQLException {
    long maxId;
    if (database.equals(H2)) {
      String url =
          "jdbc:h2:"
              + dir.resolve("data").resolve("store").toAbsolutePath()
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
      // SYSTEM_RANGE's column is an upper-case X, which DATABASE_TO_LOWER does not fold.
      String sql =
          "INSERT INTO product (producer_id, title, price, inventory_count, version)"
              + " SELECT ?, 'Bulk product ' || \"X\", 9.99, 1000, 1 FROM SYSTEM_RANGE(1, ?)";
      try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
          PreparedStatement s = c.prepareStatement(sql)) {
        long before = maxProductId(c);
        s.setLong(1, producerId);
        s.setInt(2, count);
        s.executeUpdate();
        maxId = maxProductId(c);
        indexBulkTitles(c, before, maxId, H2_SERIES, H2_SERIES_COLUMN);
        try (Statement analyze = c.createStatement()) {
          analyze.execute("ANALYZE");
        }
      }
      return new Bulk(
          "H2 `INSERT ... SELECT ... FROM SYSTEM_RANGE(1, n)` with the server stopped (the"
              + " embedded file is locked while it runs), and their title index rows likewise",
          maxId);
    }
    String sql =
        "INSERT INTO product (producer_id, title, price, inventory_count, version)"
            + " SELECT ?, 'Bulk product ' || x, 9.99, 1000, 1 FROM generate_series(1, ?) AS x";
    try (Connection c = postgres.connect("bench_listing");
        PreparedStatement s = c.prepareStatement(sql)) {
      long before = maxProductId(c);
      s.setLong(1, producerId);
      s.setInt(2, count);
      s.executeUpdate();
      maxId = maxProductId(c);
      indexBulkTitles(c, before, maxId, PG_SERIES, PG_SERIES_COLUMN);
      try (Statement analyze = c.createStatement()) {
        analyze.execute("VACUUM ANALYZE product");
        analyze.execute("VACUUM ANALYZE product_word_prefix");
      }
    }
    return new Bulk(
        "PostgreSQL `INSERT ... SELECT ... FROM generate_series(1, n)` and their title index"
            + " rows likewise, then `VACUUM ANALYZE`",
        maxId);
  }

  /** Integer series of each dialect, for {@link #indexBulkTitles}: from 1 to {@code %d}. */
  static final String H2_SERIES = "SYSTEM_RANGE(1, %d) AS r";

  static final String H2_SERIES_COLUMN = "r.\"X\"";
  static final String PG_SERIES = "generate_series(1, %d) AS r(x)";
  static final String PG_SERIES_COLUMN = "r.x";

  /**
   * The title index rows (migration 7's table) of the bulk products with ids in ({@code after},
   * {@code last}], titled "Bulk product N": every prefix of "bulk", of "product" and of N's digits,
   * which is what the server's rule ({@code SearchText.indexKeys}) gives such a title. By SQL, in
   * slices of 100,000 products (one transaction each), as the products themselves were made. {@code
   * range} is the dialect's integer series (a {@code %d} for its end), {@code k} its column.
   */
  static void indexBulkTitles(Connection c, long after, long last, String range, String k)
      throws SQLException {
    String[] parts = {
      "SUBSTRING('bulk', 1, " + k + ")", "4", "",
      "SUBSTRING('product', 1, " + k + ")", "7", "",
      "SUBSTRING(p.title, 14, " + k + ")", "7", " AND " + k + " <= CHAR_LENGTH(p.title) - 13"
    };
    for (long from = after; from < last; from += 100_000) {
      for (int i = 0; i < parts.length; i += 3) {
        String sql =
            "INSERT INTO product_word_prefix (word_prefix, product_id) SELECT "
                + parts[i]
                + ", p.id FROM product p, "
                + String.format(Locale.ROOT, range, Integer.parseInt(parts[i + 1]))
                + " WHERE p.id > ? AND p.id <= ?"
                + parts[i + 2];
        try (PreparedStatement s = c.prepareStatement(sql)) {
          s.setLong(1, from);
          s.setLong(2, Math.min(last, from + 100_000));
          s.executeUpdate();
        }
      }
    }
  }

  private static long maxProductId(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT MAX(id) FROM product")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---------------------------------------------------------------- cart storage

  private CartStorage.Figures cartStorageSuite(String database) throws Exception {
    log("== cart storage on " + database);
    Path dir = options.work().resolve("carts-" + database.toLowerCase(Locale.ROOT));
    deleteRecursively(dir);
    Files.createDirectories(dir);
    int n = CartStorage.CARTS;
    if (database.equals(H2)) {
      // Each phase on a server of its own, so that its growth "at rest" is read after a clean stop.
      long product;
      ServerProcess server = startServer(dir, "");
      try (StoreApi api = new StoreApi(server.port(), 16)) {
        product = CartStorage.createProduct(api);
      }
      stopServer(server);
      long rest0 = CartStorage.h2FileBytes(dir);
      long[] empty = h2Phase(dir, n, 0);
      long[] oneLine = h2Phase(dir, n, product);
      return new CartStorage.Figures(
          H2,
          n,
          (double) empty[0] / n,
          (double) (empty[1] - rest0) / n,
          (double) oneLine[0] / n,
          (double) (oneLine[1] - empty[1]) / n);
    }
    postgres.recreateDatabase("bench_carts");
    ServerProcess server = startServer(dir, postgres.serverConfig("bench_carts"));
    try (StoreApi api = new StoreApi(server.port(), 16);
        Connection c = postgres.connect("bench_carts")) {
      long product = CartStorage.createProduct(api);
      long b0 = CartStorage.postgresCartBytes(c);
      CartStorage.openCarts(api, n, 0);
      long b1 = CartStorage.postgresCartBytes(c);
      vacuum(c);
      long v1 = CartStorage.postgresCartBytes(c);
      CartStorage.openCarts(api, n, product);
      long b2 = CartStorage.postgresCartBytes(c);
      vacuum(c);
      long v2 = CartStorage.postgresCartBytes(c);
      return new CartStorage.Figures(
          POSTGRES,
          n,
          (double) (b1 - b0) / n,
          (double) (v1 - b0) / n,
          (double) (b2 - v1) / n,
          (double) (v2 - v1) / n);
    } finally {
      stopServer(server);
    }
  }

  /** Growth of the H2 file while {@code n} carts are opened, and its size after the stop. */
  private long[] h2Phase(Path dir, int n, long product) throws Exception {
    ServerProcess server = startServer(dir, "");
    long before = CartStorage.h2FileBytes(dir);
    long running;
    try (StoreApi api = new StoreApi(server.port(), 16)) {
      CartStorage.openCarts(api, n, product);
      running = CartStorage.h2FileBytes(dir) - before;
    } finally {
      stopServer(server);
    }
    long rest = CartStorage.h2FileBytes(dir);
    log(
        String.format(
            Locale.ROOT,
            "%d carts%s: H2 file +%,d B while running, %,d B at rest",
            n,
            product > 0 ? " with one line" : "",
            running,
            rest));
    return new long[] {running, rest};
  }

  private static void vacuum(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("VACUUM shopping_cart");
      s.execute("VACUUM shopping_cart_entry");
    }
  }

  // ---------------------------------------------------------------- checkout

  private Figures.Checkout checkoutSuite(String database) throws Exception {
    log("== checkout suite on " + database);
    Path dir = options.work().resolve("checkout-" + database.toLowerCase(Locale.ROOT));
    deleteRecursively(dir);
    Files.createDirectories(dir);
    String databaseYaml = "";
    if (database.equals(POSTGRES)) {
      postgres.recreateDatabase("bench_checkout");
      databaseYaml = postgres.serverConfig("bench_checkout");
    }
    ServerProcess server = startServer(dir, databaseYaml);
    double startup = server.startupNanos() / 1e9;
    HttpLoad load = new HttpLoad(ServerProcess.HOST, server.port());
    Map<Long, Long> sold = new ConcurrentHashMap<>();
    Set<Long> orderIds = ConcurrentHashMap.newKeySet();
    Map<Integer, Long> statuses = new ConcurrentHashMap<>();
    List<StoreApi.Cart> unknown = java.util.Collections.synchronizedList(new ArrayList<>());
    HttpLoad.Result calibration;
    HttpLoad.Result http8;
    HttpLoad.Result http16;
    Figures.Probe probe;
    Figures.Exactness exactness;
    List<Long> products;
    int prepared;
    double prepSeconds;
    JfrSummary profile = null;
    StoreApi.Producer producer;
    try (StoreApi api = new StoreApi(server.port(), 16)) {
      producer = api.createProducer("bench_" + Long.toHexString(random.nextLong()), "bench-pass-1");
      products =
          api.createProducts(
              producer, CHECKOUT_PRODUCTS, i -> "Checkout product " + i, PRICE, AMPLE_STOCK);
      long probeProduct = api.createProduct(producer, "Scarce product", PRICE, PROBE_STOCK);
      Map<Long, Integer> stockAtStart = stock(api, producer);
      log("stock at start read for " + stockAtStart.size() + " products");

      long prepStart = System.nanoTime();
      List<StoreApi.Cart> calibrationCarts = prepareCarts(api, products, CALIBRATION_CARTS);
      double perCart = (System.nanoTime() - prepStart) / 1e9 / CALIBRATION_CARTS;
      calibration =
          checkouts(
              load,
              "checkout (warm-up and calibration)",
              16,
              calibrationCarts,
              Duration.ZERO,
              Duration.ofSeconds(120),
              sold,
              orderIds,
              statuses,
              unknown);
      // The calibration ran on a cold server: allow for the warm one being much faster. A run
      // that still runs out of carts is measured over the time its carts lasted.
      int perRun =
          (int)
              Math.ceil(
                  Math.max(calibration.perSecond() * 2, 600)
                      * (options.duration().toMillis() + 1_000)
                      / 1_000.0);
      log(
          String.format(
              Locale.ROOT,
              "calibration: %.0f checkouts/s; preparing %d carts per run (%.1f ms per cart)",
              calibration.perSecond(),
              perRun,
              perCart * 1000));
      prepStart = System.nanoTime();
      List<StoreApi.Cart> carts8 = prepareCarts(api, products, perRun);
      List<StoreApi.Cart> carts16 = prepareCarts(api, products, perRun);
      List<StoreApi.Cart> probeCarts = prepareCarts(api, List.of(probeProduct), PROBE_CARTS);
      List<StoreApi.Cart> profileCarts =
          options.profile()
              // As many as a measured run: a profile of 2,000 checkouts has too few samples.
              ? prepareCarts(api, products, Math.max(CALIBRATION_CARTS, perRun))
              : List.of();
      prepSeconds = (System.nanoTime() - prepStart) / 1e9;
      prepared = CALIBRATION_CARTS + 2 * perRun + PROBE_CARTS + profileCarts.size();
      Duration warmup = Duration.ofSeconds(1);
      http8 =
          checkouts(
              load,
              "POST /api/shopping_cart/{id}/checkout",
              8,
              carts8,
              warmup,
              options.duration(),
              sold,
              orderIds,
              statuses,
              unknown);
      http16 =
          checkouts(
              load,
              "POST /api/shopping_cart/{id}/checkout",
              16,
              carts16,
              warmup,
              options.duration(),
              sold,
              orderIds,
              statuses,
              unknown);
      if (options.profile()) {
        // A run of its own, on carts of its own: JFR must not weigh on the figures above.
        server.startRecording("checkout");
        checkouts(
            load,
            "profiled checkout",
            16,
            profileCarts,
            Duration.ZERO,
            Duration.ofSeconds(120),
            sold,
            orderIds,
            statuses,
            unknown);
        Path jfr = dir.resolve("checkout.jfr");
        profile =
            !server.stopRecording("checkout", jfr)
                ? null
                : JfrSummary.of("checkout at 16 connections on " + database, jfr, 20);
      }

      // Many carts racing for a product with stock for only some of them.
      Map<Integer, Long> probeStatuses = new ConcurrentHashMap<>();
      Map<Long, Long> probeSold = new ConcurrentHashMap<>();
      Set<Long> probeOrders = ConcurrentHashMap.newKeySet();
      checkouts(
          load,
          "checkout race for " + PROBE_STOCK + " units",
          16,
          probeCarts,
          Duration.ZERO,
          Duration.ofSeconds(120),
          probeSold,
          probeOrders,
          probeStatuses,
          unknown);
      probeSold.forEach((product, units) -> sold.merge(product, units, Long::sum));
      orderIds.addAll(probeOrders);
      probeStatuses.forEach((status, n) -> statuses.merge(status, n, Long::sum));

      // Carts whose answer was lost: ask the API what became of them.
      for (StoreApi.Cart cart : List.copyOf(unknown)) {
        JsonNode view = api.get("/api/shopping_cart/" + cart.id(), cart.token());
        if ("checked_out".equals(view.path("status").asText())) {
          JsonNode order = api.get("/api/orders/" + view.path("order_id").asLong(), cart.token());
          if (orderIds.add(order.path("id").asLong())) {
            countLines(order, sold);
          }
        }
      }
      Map<Long, Integer> stockAfter = stock(api, producer);
      List<String> mismatches = new ArrayList<>();
      long units = 0;
      for (Map.Entry<Long, Integer> e : new TreeMap<>(stockAtStart).entrySet()) {
        long unitsSold = sold.getOrDefault(e.getKey(), 0L);
        units += unitsSold;
        Integer left = stockAfter.get(e.getKey());
        if (left == null || unitsSold + left != e.getValue()) {
          mismatches.add(
              "product "
                  + e.getKey()
                  + ": start "
                  + e.getValue()
                  + ", sold "
                  + unitsSold
                  + ", left "
                  + left);
        }
      }
      exactness =
          new Figures.Exactness(
              stockAtStart.size(),
              orderIds.size(),
              units,
              unknown.size(),
              mismatches,
              new TreeMap<>(statuses));
      probe =
          new Figures.Probe(
              PROBE_STOCK,
              PROBE_CARTS,
              probeStatuses.getOrDefault(200, 0L),
              probeStatuses.getOrDefault(409, 0L),
              probeCarts.size()
                  - probeStatuses.getOrDefault(200, 0L)
                  - probeStatuses.getOrDefault(409, 0L),
              stockAfter.getOrDefault(probeProduct, -1),
              probeOrders.size() == probeStatuses.getOrDefault(200, 0L));
      log(
          "exactness: "
              + (exactness.exact() ? "exact" : "NOT EXACT " + mismatches)
              + "; race: "
              + probe);
    }
    stopServer(server);

    JdbcCheckout.Result jdbc8 = null;
    JdbcCheckout.Result jdbc16 = null;
    if (database.equals(POSTGRES)) {
      JdbcCheckout.Connector connector = () -> postgres.connect("bench_checkout");
      List<Long> warm;
      try (Connection c = connector.open()) {
        warm = JdbcCheckout.prepareCarts(c, products, CALIBRATION_CARTS);
      }
      JdbcCheckout.Result jdbcCalibration =
          JdbcCheckout.run(connector, warm, 16, Duration.ZERO, Duration.ofSeconds(120));
      int perRun =
          Math.max(
              500,
              (int)
                  Math.ceil(
                      jdbcCalibration.perSecond()
                          * 1.5
                          * (options.duration().toMillis() + 1_000)
                          / 1_000.0));
      List<Long> c8;
      List<Long> c16;
      try (Connection c = connector.open()) {
        c8 = JdbcCheckout.prepareCarts(c, products, perRun);
        c16 = JdbcCheckout.prepareCarts(c, products, perRun);
      }
      jdbc8 = JdbcCheckout.run(connector, c8, 8, Duration.ofSeconds(1), options.duration());
      logJdbc(jdbc8);
      jdbc16 = JdbcCheckout.run(connector, c16, 16, Duration.ofSeconds(1), options.duration());
      logJdbc(jdbc16);
    }
    return new Figures.Checkout(
        database,
        startup,
        CHECKOUT_PRODUCTS,
        prepared,
        prepSeconds,
        calibration,
        http8,
        http16,
        jdbc8,
        jdbc16,
        exactness,
        probe,
        profile);
  }

  private static void logJdbc(JdbcCheckout.Result r) {
    log(
        String.format(
            Locale.ROOT,
            "%-40s c=%-3d %9.0f tx/s   p50 %7.2f ms  p99 %7.2f ms  failures %d",
            "JDBC checkout loop",
            r.threads(),
            r.perSecond(),
            r.percentileMillis(50),
            r.percentileMillis(99),
            r.failures()));
  }

  /** Opens carts through the API, each with one line of quantity 1, on the products in turn. */
  private static List<StoreApi.Cart> prepareCarts(StoreApi api, List<Long> products, int count)
      throws IOException {
    return api.parallel(
        count,
        i -> {
          StoreApi.Cart cart = api.createCart();
          api.putLine(cart, products.get(i % products.size()), 1);
          return cart;
        });
  }

  /** Checks each cart out once, recording statuses and the orders' lines from the answers. */
  private HttpLoad.Result checkouts(
      HttpLoad load,
      String name,
      int connections,
      List<StoreApi.Cart> carts,
      Duration warmup,
      Duration duration,
      Map<Long, Long> sold,
      Set<Long> orderIds,
      Map<Integer, Long> statuses,
      List<StoreApi.Cart> unknown)
      throws InterruptedException {
    List<byte[]> requests = new ArrayList<>(carts.size());
    for (StoreApi.Cart cart : carts) {
      requests.add(
          HttpLoad.request(
              "POST", "/api/shopping_cart/" + cart.id() + "/checkout", cart.token(), null));
    }
    byte[][] bodies = new byte[carts.size()][];
    int[] codes = new int[carts.size()];
    long cpuBefore = measured.cpuNanos();
    HttpLoad.Result result =
        load.run(
            name,
            connections,
            warmup,
            duration,
            HttpLoad.once(requests),
            (seq, status, body) -> {
              codes[(int) seq] = status;
              bodies[(int) seq] = body;
            });
    log(
        String.format(
            Locale.ROOT,
            "%-40s c=%-3d %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d (%d carts, %.1f s)",
            name,
            connections,
            result.perSecond(),
            result.p50(),
            result.p99(),
            result.errors(),
            carts.size(),
            result.seconds()));
    long cpuAfter = measured.cpuNanos();
    long answered = java.util.Arrays.stream(bodies).filter(b -> b != null).count();
    if (cpuBefore >= 0 && cpuAfter >= 0 && answered > 0) {
      // Warm-up included: the carts are spent either way.
      cpuMicros.put(result, (cpuAfter - cpuBefore) / 1e3 / answered);
    }
    for (int i = 0; i < carts.size(); i++) {
      if (bodies[i] == null) {
        continue; // never sent: the cart is still open
      }
      statuses.merge(codes[i], 1L, Long::sum);
      if (codes[i] == 200) {
        try {
          JsonNode order = StoreApi.JSON.readTree(bodies[i]).path("order");
          if (orderIds.add(order.path("id").asLong())) {
            countLines(order, sold);
          }
        } catch (IOException e) {
          unknown.add(carts.get(i));
        }
      } else if (codes[i] != 409) {
        unknown.add(carts.get(i));
      }
    }
    return result;
  }

  private static void countLines(JsonNode order, Map<Long, Long> sold) {
    for (JsonNode line : order.path("lines")) {
      sold.merge(line.path("product_id").asLong(), line.path("quantity").asLong(), Long::sum);
    }
  }

  /** Every product of the producer with its stock, through the API (sold-out ones included). */
  private static Map<Long, Integer> stock(StoreApi api, StoreApi.Producer producer)
      throws IOException {
    Map<Long, Integer> stock = new HashMap<>();
    long after = 0;
    for (int page = 0; page < 100; page++) {
      JsonNode list =
          api.get(
              "/api/products?producer_id="
                  + producer.id()
                  + "&min-inventory-count=0&limit=1000&after="
                  + after,
              null);
      if (list.size() == 0) {
        break;
      }
      for (JsonNode product : list) {
        stock.put(product.path("id").asLong(), product.path("inventory_count").asInt());
        after = Math.max(after, product.path("id").asLong());
      }
      if (list.size() < 1000) {
        break;
      }
    }
    return stock;
  }

  // ---------------------------------------------------------------- processes

  private ServerProcess startServer(Path dir, String databaseYaml) throws Exception {
    ServerProcess server =
        ServerProcess.start(options.jar(), dir, databaseYaml, options.jvmOptions());
    open.push(server);
    server.awaitFirst200(120);
    if (options.profile()) {
      // JFR's first start in a JVM slows the server for tens of seconds: pay it before any load.
      server.primeRecorder();
    }
    measured = server;
    return server;
  }

  private void stopServer(ServerProcess server) throws InterruptedException {
    server.stop();
    open.remove(server);
  }

  private void startPostgres() throws Exception {
    if (options.pgHost() != null) {
      postgres =
          Postgres.external(
              options.pgHost(), options.pgPort(), options.pgUser(), options.pgPassword());
    } else {
      log("starting embedded PostgreSQL");
      postgres =
          Postgres.embedded(options.work().resolve("postgres"), options.pgSynchronousCommit());
      open.push(postgres);
    }
    postgresSettings = postgres.settings();
  }

  private String describePostgres() {
    StringBuilder s = new StringBuilder();
    s.append(postgres.isEmbedded() ? "embedded (zonky), files under the work directory" : "given");
    postgresSettings.forEach((k, v) -> s.append("; `").append(k).append("` = ").append(v));
    return s.toString();
  }

  private String readNotes() throws IOException {
    Path notes = options.notes();
    return Files.isRegularFile(notes) ? Files.readString(notes, StandardCharsets.UTF_8) : null;
  }

  private synchronized void closeAll() {
    while (!open.isEmpty()) {
      AutoCloseable resource = open.pop();
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("could not stop " + resource + ": " + e);
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static void log(String message) {
    System.err.println("[bench] " + message);
  }
}

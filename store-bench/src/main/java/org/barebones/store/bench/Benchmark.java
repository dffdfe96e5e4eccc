package org.barebones.store.bench;

import static org.barebones.store.bench.Report.f;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.helper.HelpScreenException;
import net.sourceforge.argparse4j.inf.ArgumentParserException;

/** Starts the server, fills it through its API, loads it over HTTP and writes the report. */
public final class Benchmark {

  static final String H2 = "H2";
  static final String POSTGRES = "PostgreSQL";
  private static final int CHECKOUT_PRODUCTS = 200;
  private static final int PROBE_STOCK = 50;
  private static final int PROBE_CARTS = 200;
  private static final int CALIBRATION_CARTS = 2_000;

  static final int[] FLASH_CONNECTIONS = {16, 64, 256};
  static final int SPREAD_PRODUCTS = 1_000;
  static final double ADD_TO_CART_RATE = 20;

  private final Options options;
  private final Deque<AutoCloseable> open = new ArrayDeque<>();
  private final Random random = new Random(42);
  private Postgres postgres;

  /** The servers whose CPU time is read around each measurement. */
  private List<ServerProcess> measured = List.of();

  final List<Postgres.PgBench> pgbench = new ArrayList<>();
  String pgbenchMissing;

  private Benchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (ArgumentParserException e) {
      Options.parser().handleError(e);
      System.exit(e instanceof HelpScreenException ? 0 : 2);
      return;
    }
    if (options.jvm == Options.Jvm.LAUNCHER) {
      options.jvmOptions = Launcher.defaultJvmOptions(options.launcher);
    }
    Benchmark benchmark = new Benchmark(options);
    // Servers and PostgreSQL stop at exit, whether the run ended, failed or was interrupted.
    Runtime.getRuntime().addShutdownHook(new Thread(benchmark::closeAll, "bench-cleanup"));
    benchmark.run();
  }

  private void run() throws Exception {
    if (!Files.isRegularFile(options.jar)) {
      throw new IOException("no server jar at " + options.jar + ": run mvn package first");
    }
    Files.createDirectories(options.work);
    Instant started = Instant.now();
    String loadAtStart = Report.loadAverage();
    List<Figures.Listing> listings = new ArrayList<>();
    List<Figures.Checkout> checkouts = new ArrayList<>();
    List<Figures.FlashSale> sales = new ArrayList<>();
    List<Figures.Storage> storage = new ArrayList<>();
    if (options.runs("listing", "h2")) {
      listings.add(listingSuite(H2));
    }
    if (options.needsPostgres()) {
      log("starting embedded PostgreSQL");
      postgres = Postgres.embedded(options.work.resolve("postgres"));
      open.push(postgres);
    }
    if (options.runs("listing", "pg")) {
      listings.add(listingSuite(POSTGRES));
    }
    if (options.runs("checkout", "pg")) {
      checkouts.add(checkoutSuite(POSTGRES));
    }
    if (options.runs("checkout", "h2")) {
      checkouts.add(checkoutSuite(H2));
    }
    if (options.runs("flash", "pg")) {
      sales.add(flashSale(POSTGRES, 1));
      sales.add(flashSale(POSTGRES, 2));
      pgbenchReference();
    }
    if (options.runs("flash", "h2")) {
      sales.add(flashSale(H2, 1));
    }
    if (options.cartStorage()) {
      storage.add(cartStorageSuite(H2));
      storage.add(cartStorageSuite(POSTGRES));
    }
    Report report =
        new Report(
            options,
            started,
            Duration.between(started, Instant.now()),
            Files.size(options.jar),
            postgres == null ? null : postgres.describe(),
            listings,
            checkouts,
            sales,
            storage,
            pgbench,
            pgbenchMissing,
            loadAtStart + " at the start, " + Report.loadAverage() + " at the end",
            Files.isRegularFile(options.notes) ? Files.readString(options.notes) : null);
    String markdown = report.markdown();
    Path out = options.out;
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, markdown, StandardCharsets.UTF_8);
    System.out.println(markdown);
    log("report written to " + out);
  }

  private Figures.Listing listingSuite(String database) throws Exception {
    log("== listing suite on " + database);
    Path dir = freshDir("listing-" + database);
    String databaseYaml = databaseYaml(database, "bench_listing");
    ServerProcess server = startServer(dir, databaseYaml);
    Map<String, Load.Result> r = new HashMap<>();
    Map<String, Double> n = new HashMap<>();
    n.put("startup", server.startupNanos() / 1e9);
    n.put("idleRss", server.memoryKib("VmRSS:") / 1024.0);
    n.put("fillRequests", options.catalogue + 1.0);
    List<Figures.SweepPoint> sweep = new ArrayList<>();
    List<Path> recordings = new ArrayList<>();
    List<Load.Result> smallSearches;
    StoreApi.Producer producer;
    try (StoreApi api = new StoreApi(server.port(), false)) {
      Http http = api.http;
      Http admin = new Http(server.adminPort());
      producer = api.createProducer("bench_" + Long.toHexString(random.nextLong()), "bench-pass-1");
      long fillStart = System.nanoTime();
      int small = options.smallCatalogue;
      List<Long> first = api.createProducts(producer, small, Benchmark::title);
      double firstFill = (System.nanoTime() - fillStart) / 1e9;

      // (3) listing latency over the small catalogue, and cart views.
      Load.Task page100 = http.repeat("/api/products?limit=100", null);
      jitWarmUp(page100);
      r.put("smallFirst", latency("first page, " + small, page100));
      long smallMaxId = first.stream().mapToLong(Long::longValue).max().orElse(1);
      r.put("smallPages", latency("random pages, " + small, pages(http, smallMaxId)));
      smallSearches = searches(api, small);
      StoreApi.Cart one = api.carts(1, i -> first.get(0)).get(0);
      StoreApi.Cart hundred = api.createCart();
      for (int i = 0; i < 100; i++) {
        api.putLine(hundred, first.get(i), 1 + i % 3);
      }
      String cartPath = "/api/shopping_cart/" + one.id();
      String hundredPath = "/api/shopping_cart/" + hundred.id();
      r.put("cartOne", latency("cart view, 1 line", http.repeat(cartPath, one.token())));
      r.put(
          "cartHundred",
          latency("cart view, 100 lines", http.repeat(hundredPath, hundred.token())));

      fillStart = System.nanoTime();
      int rest = options.catalogue - small;
      api.createProducts(producer, rest, i -> "Product " + (small + i));
      n.put("fillSeconds", firstFill + (System.nanoTime() - fillStart) / 1e9);

      // (1), the original's listing workload, and the concurrency sweep, sampling RSS.
      Load.Task pingTask = admin.repeat("/ping", null);
      AtomicLong maxRss = new AtomicLong(-1);
      ScheduledExecutorService rss = Executors.newSingleThreadScheduledExecutor();
      rss.scheduleAtFixedRate(
          () -> maxRss.accumulateAndGet(server.memoryKib("VmRSS:"), Math::max),
          0,
          100,
          TimeUnit.MILLISECONDS);
      try {
        r.put("list100", measure("GET /api/products?limit=100", 32, page100));
        r.put("ping", measure("admin GET /ping", 32, pingTask));
        // The least a request through Jersey costs here: a constant text, no JSON, no database.
        r.put("root", measure("GET / (text, through Jersey)", 32, http.repeat("/", null)));
        Load.Task page200 = http.repeat("/api/products?limit=200", null);
        r.put("list200", measure("GET /api/products?limit=200", 16, page200));
        r.put("original", options.originalPort > 0 ? originalListing(options.originalPort) : null);
        Duration warm = Duration.ofMillis(Math.min(1_000, options.warmup.toMillis()));
        Duration d = options.sweepDuration;
        for (int c : options.sweep) {
          sweep.add(
              new Figures.SweepPoint(
                  measure("GET /api/products?limit=100", c, page100, warm, d),
                  measure("admin GET /ping", c, pingTask, warm, d)));
        }
      } finally {
        rss.shutdownNow();
      }
      n.put("maxRss", maxRss.get() / 1024.0);

      // (7) conditional GETs: the same page and cart, answered 304, against their full answers.
      String page = "/api/products?limit=100";
      HttpRequest page304 = http.request("GET", page, null, null, api.etag(page, null));
      r.put("list304", measure(page + ", If-None-Match: 304", 32, http.repeat(page304)));
      r.put("cartView", measure("cart view, 1 line", 16, http.repeat(cartPath, one.token())));
      String tag = api.etag(cartPath, one.token());
      HttpRequest view304 = http.request("GET", cartPath, one.token(), null, tag);
      r.put("cart304", measure("cart view, 1 line, If-None-Match: 304", 16, http.repeat(view304)));
      // (8) the cart flow: create a cart, put a line, view it, delete it; each a request.
      CartFlow flow = new CartFlow(http, first.subList(0, 100));
      r.put("cartFlow", measure("cart flow: create, put, view, delete", 16, flow));
      if (options.profile) {
        // Runs of their own: JFR's sampling must not weigh on the figures above.
        recordings.add(profiled(server, dir, "listing", 32, page100));
        CartFlow profiledFlow = new CartFlow(http, first.subList(0, 100));
        recordings.add(profiled(server, dir, "cartflow", 16, profiledFlow));
      }
    }
    n.put("peakRss", server.memoryKib("VmHWM:") / 1024.0);
    stopServer(server);

    // (3) the large catalogue: bulk rows by SQL, then a fresh server.
    long bulkStart = System.nanoTime();
    int extra = options.largeCatalogue - options.catalogue;
    long maxId = bulkInsert(database, dir, producer.id(), extra);
    n.put("bulkSeconds", (System.nanoTime() - bulkStart) / 1e9);
    ServerProcess large = startServer(dir, databaseYaml);
    n.put("largeStartup", large.startupNanos() / 1e9);
    List<Load.Result> largeSearches;
    try (StoreApi api = new StoreApi(large.port(), false)) {
      Load.Task page100 = api.http.repeat("/api/products?limit=100", null);
      jitWarmUp(page100);
      r.put("largeFirst", latency("first page, " + options.largeCatalogue, page100));
      Load.Task deep = pages(api.http, maxId);
      r.put("largePages", latency("random pages, " + options.largeCatalogue, deep));
      largeSearches = searches(api, options.largeCatalogue);
    }
    stopServer(large);
    return new Figures.Listing(database, r, n, smallSearches, largeSearches, sweep, recordings);
  }

  private Path profiled(
      ServerProcess server, Path dir, String name, int connections, Load.Task task)
      throws Exception {
    server.startRecording(name);
    Load.run("profiled " + name, connections, Duration.ZERO, options.duration, task);
    return server.stopRecording(name, dir.resolve(name + ".jfr"));
  }

  /** The original API (see {@code --original}) filled with 200 products, its listing measured. */
  private Load.Result originalListing(int port) throws Exception {
    try (StoreApi original = new StoreApi(port, true)) {
      StoreApi.Producer producer =
          original.createProducer("bench-" + System.nanoTime(), "bench-password-1");
      for (int i = 0; i < 200; i++) {
        original.createProduct(producer, "Product " + i, 1_000);
      }
      int listed = original.get("/api/products", null).path("products").size();
      if (listed != 200) {
        throw new IllegalStateException(
            f("the original lists %d products, not 200: start it on a fresh SEED_DB", listed));
      }
      Load.Task all = original.http.repeat("/api/products", null);
      // Its CPU is another process's: measured without this server's CPU figure.
      Load.run("original (warm-up)", 16, Duration.ZERO, options.warmup, all);
      return Load.run(
          "original GET /api/products (200 products)", 16, Duration.ZERO, options.duration, all);
    }
  }

  /** "Product i", and one in 500 also "saffron": the searches' rare word, in no bulk row. */
  static String title(int i) {
    return i % 500 == 7 ? "Product " + i + " saffron" : "Product " + i;
  }

  static int rareProducts(int n) {
    return n <= 7 ? 0 : (n - 8) / 500 + 1;
  }

  /** The searches measured: a rare term, a term every product holds, the two together. */
  static final List<String[]> SEARCHES =
      List.of(
          new String[] {"rare term", "saffron"},
          new String[] {"common term", "product"},
          new String[] {"common and rare terms", "pro+saffron"});

  /** The latency of each search's first page, checked first to find what the titles say. */
  private List<Load.Result> searches(StoreApi api, int catalogue) throws Exception {
    int rare = rareProducts(options.smallCatalogue);
    List<Load.Result> results = new ArrayList<>();
    for (String[] search : SEARCHES) {
      String path = "/api/products?q=" + search[1] + "&limit=100";
      int found = api.get(path, null).size();
      int expected = search[1].equals("product") ? 100 : rare;
      if (found != expected) {
        throw new IllegalStateException(
            f("%s found %d on %d, not %d", path, found, catalogue, expected));
      }
      String what = expected == 100 ? "every product" : expected + " products";
      String name = f("search, %s (`q=%s`, %s), %,d", search[0], search[1], what, catalogue);
      results.add(latency(name, api.http.repeat(path, null)));
    }
    return results;
  }

  private Load.Task pages(Http http, long maxId) {
    HttpRequest[] requests = new HttpRequest[4096];
    for (int i = 0; i < requests.length; i++) {
      long after = i == 0 ? 0 : (long) (random.nextDouble() * Math.max(1, maxId - 100));
      requests[i] = http.get("/api/products?limit=100&after=" + after, null);
    }
    return http.repeat(requests);
  }

  /** Latency: one connection, so that the figure is service time, not queueing. */
  private Load.Result latency(String name, Load.Task task) throws InterruptedException {
    return measure(name, 1, task);
  }

  private Load.Result measure(String name, int connections, Load.Task task)
      throws InterruptedException {
    return measure(name, connections, task, options.warmup, options.duration);
  }

  Load.Result measure(
      String name, int connections, Load.Task task, Duration warmup, Duration duration)
      throws InterruptedException {
    if (!warmup.isZero()) {
      Load.run(name, connections, Duration.ZERO, warmup, task);
    }
    long[] cpu = cpuNow();
    Load.Result result = Load.run(name, connections, Duration.ZERO, duration, task);
    return withCpu(result, cpu, result.requests() + result.errors());
  }

  private static final long[] NO_CPU = {-1, -1};

  /** Server and client CPU now, in ns (-1 if unreadable). */
  private long[] cpuNow() {
    long server = 0;
    for (ServerProcess s : measured) {
      long n = s.cpuNanos();
      server = server < 0 || n < 0 ? -1 : server + n;
    }
    long client =
        ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    return new long[] {server, client};
  }

  /** The result with the CPU spent since {@code before} per answered request, logged. */
  private Load.Result withCpu(Load.Result r, long[] before, long answered) {
    long[] after = cpuNow();
    Double[] cpu = new Double[2];
    for (int i = 0; i < 2; i++) {
      boolean known = answered > 0 && before[i] >= 0 && after[i] >= 0;
      cpu[i] = known ? (after[i] - before[i]) / 1e3 / answered : null;
    }
    Load.Result result = r.withCpu(cpu[0], cpu[1]);
    // The report's row of it: name, connections, req/s, p50, p99, errors, requests, CPU µs.
    log(Report.fill(Report.template("results").split("\n")[2], Map.of("r", result)));
    return result;
  }

  private void jitWarmUp(Load.Task task) throws InterruptedException {
    Load.run("JIT warm-up", 8, Duration.ZERO, options.warmup.multipliedBy(2), task);
  }

  /**
   * Adds {@code count} products with one SQL statement (and their title index rows), server stopped
   * (H2's embedded file is locked while it runs); answers the highest product id.
   */
  private long bulkInsert(String database, Path dir, long producerId, int count)
      throws SQLException {
    boolean h2 = database.equals(H2);
    String range = h2 ? H2_SERIES : PG_SERIES;
    String k = h2 ? H2_SERIES_COLUMN : PG_SERIES_COLUMN;
    String insert =
        "INSERT INTO product (producer_id, title, price, inventory_count, version)"
            + f(" SELECT ?, 'Bulk product ' || %s, 9.99, 1000, 1 FROM ", k)
            + f(range, count);
    try (Connection c =
            h2
                ? java.sql.DriverManager.getConnection(
                    "jdbc:h2:"
                        + dir.resolve("data").resolve("store").toAbsolutePath()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                    "sa",
                    "")
                : postgres.connect("bench_listing");
        PreparedStatement s = c.prepareStatement(insert);
        Statement analyze = c.createStatement()) {
      long before = maxProductId(c);
      s.setLong(1, producerId);
      s.executeUpdate();
      long maxId = maxProductId(c);
      indexBulkTitles(c, before, maxId, range, k);
      if (h2) {
        analyze.execute("ANALYZE");
      } else {
        analyze.execute("VACUUM ANALYZE product");
        analyze.execute("VACUUM ANALYZE product_word_prefix");
      }
      return maxId;
    }
  }

  /** Each dialect's integer series from 1 to {@code %d}, and its column. */
  static final String H2_SERIES = "SYSTEM_RANGE(1, %d) AS r";

  // SYSTEM_RANGE's column is an upper-case X, which DATABASE_TO_LOWER does not fold.
  static final String H2_SERIES_COLUMN = "r.\"X\"";
  static final String PG_SERIES = "generate_series(1, %d) AS r(x)";
  static final String PG_SERIES_COLUMN = "r.x";

  /**
   * The title index rows of the bulk products with ids in ({@code after}, {@code last}], titled
   * "Bulk product N": every prefix of "bulk", of "product" and of N's digits, as the server's rule
   * ({@code SearchText.indexKeys}) gives. In slices of 100,000 products.
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
                + f(range, Integer.parseInt(parts[i + 1]))
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
        ResultSet rs = s.executeQuery("SELECT MAX(id) FROM product")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Database bytes per cart: {@link Figures.Storage#CARTS} carts opened through the API, empty,
   * then as many with one line, each phase on a server of its own. "At rest" is after the server's
   * clean stop on H2 (each commit writes a chunk of its own, which H2 reuses only after its
   * retention time, and H2 compacts the file on close) and after {@code VACUUM} on PostgreSQL.
   */
  private Figures.Storage cartStorageSuite(String database) throws Exception {
    log("== cart storage on " + database);
    Path dir = freshDir("carts-" + database);
    String yaml = databaseYaml(database, "bench_carts");
    int n = Figures.Storage.CARTS;
    long[] start = new long[3];
    long[] running = new long[3];
    long[] rest = new long[3];
    long product = 0;
    for (int phase = 0; phase < 3; phase++) {
      ServerProcess server = startServer(dir, yaml);
      start[phase] = cartBytes(database, dir, false);
      try (StoreApi api = new StoreApi(server.port(), false)) {
        if (phase == 0) {
          StoreApi.Producer p = api.createProducer("storage_" + random.nextLong(), "bench-pass-1");
          product = api.createProduct(p, "Storage probe", StoreApi.AMPLE_STOCK);
        } else {
          long line = phase == 2 ? product : 0;
          api.carts(n, i -> line);
        }
        running[phase] = cartBytes(database, dir, false);
      } finally {
        stopServer(server);
      }
      rest[phase] = cartBytes(database, dir, true);
    }
    return new Figures.Storage(
        database,
        (double) (running[1] - start[1]) / n,
        (double) (rest[1] - rest[0]) / n,
        (double) (running[2] - start[2]) / n,
        (double) (rest[2] - rest[1]) / n);
  }

  /** H2's whole file, or PostgreSQL's cart tables with their indexes (vacuumed first if asked). */
  private long cartBytes(String database, Path dir, boolean vacuum) throws Exception {
    if (database.equals(H2)) {
      Path file = dir.resolve("data").resolve("store.mv.db");
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    }
    try (Connection c = postgres.connect("bench_carts");
        Statement s = c.createStatement()) {
      if (vacuum) {
        s.execute("VACUUM shopping_cart");
        s.execute("VACUUM shopping_cart_entry");
      }
      ResultSet rs =
          s.executeQuery(
              "SELECT pg_total_relation_size('shopping_cart')"
                  + " + pg_total_relation_size('shopping_cart_entry')");
      rs.next();
      return rs.getLong(1);
    }
  }

  /** What the checkouts answered: statuses, orders and units sold, carts whose answer was lost. */
  static final class Outcomes {
    final Map<Long, Long> sold = new ConcurrentHashMap<>();
    final Set<Long> orders = ConcurrentHashMap.newKeySet();
    final Map<Integer, Long> statuses = new ConcurrentHashMap<>();
    final List<StoreApi.Cart> unknown = Collections.synchronizedList(new ArrayList<>());

    void answered(StoreApi.Cart cart, int status, byte[] body) {
      statuses.merge(status, 1L, Long::sum);
      if (status == 200) {
        try {
          countOrder(StoreApi.JSON.readTree(body).path("order"));
        } catch (IOException e) {
          unknown.add(cart);
        }
      } else if (status != 409) {
        unknown.add(cart);
      }
    }

    void countOrder(JsonNode order) {
      if (orders.add(order.path("id").asLong())) {
        for (JsonNode line : order.path("lines")) {
          sold.merge(line.path("product_id").asLong(), line.path("quantity").asLong(), Long::sum);
        }
      }
    }

    void add(Outcomes other) {
      other.sold.forEach((p, units) -> sold.merge(p, units, Long::sum));
      orders.addAll(other.orders);
      other.statuses.forEach((status, n) -> statuses.merge(status, n, Long::sum));
      unknown.addAll(other.unknown);
    }

    /** These outcomes as a race of {@code carts} of one unit for {@code stock} units. */
    Figures.Probe probe(int stock, int carts, int left) {
      long ok = statuses.getOrDefault(200, 0L);
      long refused = statuses.getOrDefault(409, 0L);
      return new Figures.Probe(
          stock, carts, ok, refused, carts - ok - refused, left, orders.size() == ok);
    }
  }

  /** Checks each cart out once (requests spread over the given servers), into {@code outcomes}. */
  private Load.Result checkouts(
      List<Http> servers, String name, int c, List<StoreApi.Cart> carts, Outcomes outcomes)
      throws InterruptedException {
    // A measured run (named checkout) has a warm-up; the others run until their carts are spent.
    boolean measured =
        name.startsWith("checkout") || name.startsWith("hot") || name.startsWith("spread");
    Duration warmup = measured ? Duration.ofSeconds(1) : Duration.ZERO;
    Duration duration = measured ? options.duration : Duration.ofSeconds(120);
    List<HttpRequest> requests = new ArrayList<>();
    for (StoreApi.Cart cart : carts) {
      Http http = servers.get(requests.size() % servers.size());
      requests.add(
          http.request(
              "POST", "/api/shopping_cart/" + cart.id() + "/checkout", cart.token(), null, null));
    }
    AtomicLong answered = new AtomicLong();
    long[] cpu = cpuNow();
    Load.Task checkout =
        seq -> {
          if (seq >= carts.size()) {
            return Load.DRY;
          }
          Http.Answer a = servers.get((int) (seq % servers.size())).send(requests.get((int) seq));
          answered.incrementAndGet();
          outcomes.answered(carts.get((int) seq), a.status(), a.body());
          return a.status();
        };
    Load.Result result = Load.run(name, c, warmup, duration, checkout);
    // Warm-up included: its carts are spent either way.
    return withCpu(result, cpu, answered.get());
  }

  private Figures.Checkout checkoutSuite(String database) throws Exception {
    log("== checkout suite on " + database);
    Path dir = freshDir("checkout-" + database);
    ServerProcess server = startServer(dir, databaseYaml(database, "bench_checkout"));
    Outcomes all = new Outcomes();
    Outcomes race = new Outcomes();
    List<Path> recordings = new ArrayList<>();
    String name = "checkout, POST /api/shopping_cart/{id}/checkout";
    Map<String, Load.Result> r = new HashMap<>();
    Map<String, Double> n = new HashMap<>();
    n.put("startup", server.startupNanos() / 1e9);
    List<Long> products;
    Figures.Exactness exactness;
    Figures.Probe probe;
    try (StoreApi api = new StoreApi(server.port(), false)) {
      List<Http> one = List.of(api.http);
      StoreApi.Producer producer = api.createProducer("bench_" + random.nextLong(), "bench-pass-1");
      products = api.createProducts(producer, CHECKOUT_PRODUCTS, i -> "Product " + i);
      IntFunction<Long> spread = i -> products.get(i % products.size());
      long scarce = api.createProduct(producer, "Scarce product", PROBE_STOCK);
      Map<Long, Integer> stockAtStart = stock(api, producer);
      List<StoreApi.Cart> warm = api.carts(CALIBRATION_CARTS, spread);
      r.put("calibration", checkouts(one, "warm-up and calibration", 16, warm, all));
      // The calibration ran on a cold server: allow for the warm one being much faster. A run
      // that still runs out of carts is measured over the time its carts lasted.
      int perRun = cartsFor(r.get("calibration").perSecond() * 2, 600);
      long prepStart = System.nanoTime();
      List<StoreApi.Cart> carts8 = api.carts(perRun, spread);
      List<StoreApi.Cart> carts16 = api.carts(perRun, spread);
      List<StoreApi.Cart> probeCarts = api.carts(PROBE_CARTS, i -> scarce);
      // As many as a measured run: a profile of 2,000 checkouts has too few samples.
      int profiled = options.profile ? Math.max(CALIBRATION_CARTS, perRun) : 0;
      List<StoreApi.Cart> profileCarts = api.carts(profiled, spread);
      n.put("prepSeconds", (System.nanoTime() - prepStart) / 1e9);
      n.put("prepared", (double) CALIBRATION_CARTS + 2 * perRun + PROBE_CARTS + profiled);
      r.put("http8", checkouts(one, name, 8, carts8, all));
      r.put("http16", checkouts(one, name, 16, carts16, all));
      if (options.profile) {
        // A run of its own, on carts of its own: JFR must not weigh on the figures above.
        server.startRecording("checkout");
        checkouts(one, "profiled checkout", 16, profileCarts, all);
        recordings.add(server.stopRecording("checkout", dir.resolve("checkout.jfr")));
      }
      // Many carts racing for a product with stock for only some of them.
      checkouts(one, "race for " + PROBE_STOCK + " units", 16, probeCarts, race);
      all.add(race);
      exactness = exactness(api, producer, stockAtStart, all);
      probe = race.probe(PROBE_STOCK, probeCarts.size(), left(api, scarce));
      log("exactness: " + exactness.exact() + " " + exactness.mismatches() + "; race: " + probe);
    }
    stopServer(server);
    r.put("inProcess8", null);
    r.put("inProcess16", null);
    if (database.equals(POSTGRES)) {
      try (InProcessCheckout in = new InProcessCheckout(() -> postgres.connect("bench_checkout"))) {
        Duration d = options.duration;
        Load.Result warm =
            in.run(in.prepareCarts(products, CALIBRATION_CARTS), 16, Duration.ZERO, d);
        int perRun = Math.max(500, cartsFor(warm.perSecond() * 1.5, 0));
        List<Long> c8 = in.prepareCarts(products, perRun);
        List<Long> c16 = in.prepareCarts(products, perRun);
        // Logged, with no CPU figure: the server is stopped, and this process's CPU would
        // include the warm-up's checkouts, which the result does not count.
        r.put("inProcess8", withCpu(in.run(c8, 8, Duration.ofSeconds(1), d), NO_CPU, 0));
        r.put("inProcess16", withCpu(in.run(c16, 16, Duration.ofSeconds(1), d), NO_CPU, 0));
      }
    }
    return new Figures.Checkout(database, r, n, exactness, probe, recordings);
  }

  private static int left(StoreApi api, long product) throws IOException {
    return api.get("/api/products/" + product, null).path("inventory_count").asInt(-1);
  }

  private int cartsFor(double perSecond, int least) {
    double seconds = (options.duration.toMillis() + 1_000) / 1_000.0;
    return (int) Math.ceil(Math.max(perSecond, least) * seconds);
  }

  /** Units sold + stock left = stock at start, per product, after reading lost answers back. */
  private static Figures.Exactness exactness(
      StoreApi api, StoreApi.Producer producer, Map<Long, Integer> stockAtStart, Outcomes all)
      throws IOException {
    for (StoreApi.Cart cart : List.copyOf(all.unknown)) {
      JsonNode view = api.get("/api/shopping_cart/" + cart.id(), cart.token());
      if ("checked_out".equals(view.path("status").asText())) {
        all.countOrder(api.get("/api/orders/" + view.path("order_id").asLong(), cart.token()));
      }
    }
    Map<Long, Integer> after = stock(api, producer);
    List<String> mismatches = new ArrayList<>();
    long units = 0;
    for (Map.Entry<Long, Integer> e : new TreeMap<>(stockAtStart).entrySet()) {
      long sold = all.sold.getOrDefault(e.getKey(), 0L);
      units += sold;
      Integer left = after.get(e.getKey());
      if (left == null || sold + left != e.getValue()) {
        mismatches.add(
            f("product %d: start %d, sold %d, left %s", e.getKey(), e.getValue(), sold, left));
      }
    }
    return new Figures.Exactness(
        stockAtStart.size(),
        all.orders.size(),
        units,
        all.unknown.size(),
        mismatches,
        new TreeMap<>(all.statuses));
  }

  /** Every product of the producer with its stock, sold-out ones included. */
  private static Map<Long, Integer> stock(StoreApi api, StoreApi.Producer producer)
      throws IOException {
    String path = "/api/products?min-inventory-count=0&limit=1000&producer_id=" + producer.id();
    Map<Long, Integer> stock = new HashMap<>();
    for (JsonNode product : api.get(path, null)) {
      stock.put(product.path("id").asLong(), product.path("inventory_count").asInt());
    }
    if (stock.size() != CHECKOUT_PRODUCTS + 1) {
      throw new IllegalStateException(path + " listed " + stock.size() + " products");
    }
    return stock;
  }

  /** The flash sale on {@code database} with {@code nodes} servers (over one PostgreSQL). */
  private Figures.FlashSale flashSale(String database, int nodes) throws Exception {
    log("== flash sale on " + database + ", " + nodes + " node(s)");
    String yaml = databaseYaml(database, "bench_flash");
    String where = database + (nodes == 1 ? ", one node" : ", " + nodes + " nodes");
    List<ServerProcess> servers = new ArrayList<>();
    for (int n = 0; n < nodes; n++) {
      servers.add(startServer(freshDir("flash-" + database + "-" + nodes + "-" + n), yaml));
    }
    measured = servers;
    List<StoreApi> apis = new ArrayList<>();
    try {
      for (ServerProcess s : servers) {
        apis.add(new StoreApi(s.port(), false));
      }
      List<Http> https = apis.stream().map(a -> a.http).toList();
      StoreApi api = apis.get(0);
      StoreApi.Producer producer = api.createProducer("flash_" + random.nextLong(), "bench-pass-1");
      long hot = api.createProduct(producer, "Flash product", StoreApi.AMPLE_STOCK);
      List<Long> spread = api.createProducts(producer, SPREAD_PRODUCTS, i -> "Spread " + i);
      Outcomes ignored = new Outcomes();
      List<StoreApi.Cart> warm = api.carts(CALIBRATION_CARTS / 2, i -> hot);
      int perRun = cartsFor(checkouts(https, "warm-up", 16, warm, ignored).perSecond() * 2, 300);
      List<StoreApi.Cart> probeCarts = api.carts(200, i -> 0L);
      Load.Result idle = null;
      Load.Result during = null;
      List<Figures.FlashRun> runs = new ArrayList<>();
      for (int c : FLASH_CONNECTIONS) {
        List<StoreApi.Cart> hotCarts = api.carts(perRun, i -> hot);
        List<StoreApi.Cart> spreadCarts = api.carts(perRun, i -> spread.get(i % spread.size()));
        CompletableFuture<Load.Result> probe = null;
        if (c == 64) {
          String add = "add to cart, hot product, ";
          idle = addToCart(https, probeCarts, hot, add + "no sale (" + where + ")");
          probe =
              CompletableFuture.supplyAsync(
                  () -> addToCart(https, probeCarts, hot, add + "during the sale (" + where + ")"));
        }
        Load.Result h = checkouts(https, "hot: " + where, c, hotCarts, ignored);
        during = probe == null ? during : probe.join();
        Load.Result s = checkouts(https, "spread: " + where, c, spreadCarts, ignored);
        runs.add(new Figures.FlashRun(where, c, h, s));
      }
      int stock = options.quick ? 100 : 400;
      long scarce = api.createProduct(producer, "Flash product, scarce", stock);
      List<StoreApi.Cart> demand = api.carts(stock * 5 / 2, i -> scarce);
      Outcomes sale = new Outcomes();
      checkouts(https, "demand 2.5x the stock", 64, demand, sale);
      Figures.Probe exact = sale.probe(stock, demand.size(), left(api, scarce));
      log("flash sale exactness: " + exact);
      return new Figures.FlashSale(database, nodes, runs, exact, idle, during);
    } finally {
      apis.forEach(StoreApi::close);
      for (ServerProcess s : servers) {
        stopServer(s);
      }
    }
  }

  /** The hot product put in carts, open loop; quantity 1, 2, 3 in turn, so each is a change. */
  private Load.Result addToCart(
      List<Http> https, List<StoreApi.Cart> carts, long product, String name) {
    Load.Task put =
        seq -> {
          StoreApi.Cart cart = carts.get((int) (seq % carts.size()));
          Http http = https.get((int) (seq % https.size()));
          String line =
              f("{\"product_id\": %d, \"quantity\": %d}", product, 1 + seq / carts.size() % 3);
          String path = "/api/shopping_cart/" + cart.id();
          return http.send(http.request("PUT", path, cart.token(), line, null)).status();
        };
    try {
      Load.Result r =
          Load.run(name, 1, ADD_TO_CART_RATE, Duration.ofSeconds(1), options.duration, put);
      return withCpu(r, NO_CPU, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** pgbench's hot/spread single-row decrement at each flash-sale concurrency, or why not. */
  private void pgbenchReference() throws Exception {
    try {
      Path binary =
          Postgres.findPgbench()
              .orElseThrow(
                  () -> new IOException("pgbench not found ($BENCH_PGBENCH, PostgreSQL's, PATH)"));
      for (int c : FLASH_CONNECTIONS) {
        Postgres.PgBench r =
            postgres.pgbench(binary, options.work.resolve("pgbench"), c, options.duration);
        log(f("pgbench c=%d: hot %.0f tps, spread %.0f tps", c, r.hot(), r.spread()));
        pgbench.add(r);
      }
    } catch (IOException e) {
      pgbenchMissing = e.getMessage();
      log(pgbenchMissing);
    }
  }

  private Path freshDir(String name) throws IOException {
    Path dir = options.work.resolve(name.toLowerCase(Locale.ROOT));
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  /** The server configuration's database section: "" for H2, a fresh PostgreSQL database. */
  private String databaseYaml(String database, String name) throws SQLException {
    if (!database.equals(POSTGRES)) {
      return "";
    }
    postgres.recreateDatabase(name);
    return postgres.serverConfig(name);
  }

  private ServerProcess startServer(Path dir, String databaseYaml) throws Exception {
    ServerProcess server = new ServerProcess(options.jar, dir, databaseYaml, options.jvmOptions);
    open.push(server);
    server.awaitFirst200(120);
    log(f("server up in %.2f s (pid %d)", server.startupNanos() / 1e9, server.pid()));
    if (options.profile) {
      // JFR's first start in a JVM slows the server for tens of seconds: pay it before any load.
      server.primeRecorder();
    }
    measured = List.of(server);
    return server;
  }

  private void stopServer(ServerProcess server) {
    server.close();
    open.remove(server);
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

  static void log(String message) {
    System.err.println("[bench] " + message);
  }
}

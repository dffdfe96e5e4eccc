package org.barebones.store.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Renders the figures as the Markdown report and the throughput chart. */
final class Report {

  /**
   * The original Flask/SQLite API as measured on these machines (shared/STACK.md): used only when
   * the run does not measure it (no {@code --original}). The listing's figure is the middle of the
   * 550-670 req/s measured side by side on 2026-12-01 (an older note said about 300).
   */
  static final double ORIGINAL_LIST200_PER_SECOND = 610;

  static final double ORIGINAL_CHECKOUTS_PER_SECOND = 140;
  static final double TIMES_FASTER = 10;
  static final double TARGET_LIST_RATIO = 0.4;
  // Issue 14: HTTP checkouts at 16 clients at least 0.7 of the plain JDBC loop of the statements.
  static final double TARGET_CHECKOUT_RATIO = 0.7;
  static final double TARGET_LIST_ROOT_RATIO = 0.6;
  static final double TARGET_LIST_CPU_MICROS = 100;
  static final double TARGET_CHECKOUT_CPU_MICROS = 350;
  static final double TARGET_FLATNESS = 1.5;
  static final double TARGET_CART_RATIO = 3;
  static final double TARGET_STARTUP_SECONDS = 3;
  static final double TARGET_RSS_MIB = 400;
  static final double TARGET_NOT_MODIFIED_CPU_RATIO = 0.4;

  /** One line of the summary. */
  record Target(String id, String what, String measured, String target, Boolean met) {}

  private final Options options;
  private final Instant started;
  private final Duration took;
  private final long jarBytes;
  private final String postgres;
  private final List<Figures.Listing> listings;
  private final List<Figures.Checkout> checkouts;
  private final Map<HttpLoad.Result, Double> cpuMicros;
  private final String load;
  private final String notes;

  Report(
      Options options,
      Instant started,
      Duration took,
      long jarBytes,
      String postgres,
      List<Figures.Listing> listings,
      List<Figures.Checkout> checkouts,
      Map<HttpLoad.Result, Double> cpuMicros,
      String load,
      String notes) {
    this.options = options;
    this.started = started;
    this.took = took;
    this.jarBytes = jarBytes;
    this.postgres = postgres;
    this.listings = listings;
    this.checkouts = checkouts;
    this.cpuMicros = cpuMicros;
    this.load = load;
    this.notes = notes;
  }

  /** The targets of the issue, evaluated on the first listing and the PostgreSQL checkout. */
  List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    Figures.Listing l = listings.isEmpty() ? null : listings.get(0);
    Figures.Checkout pg =
        checkouts.stream()
            .filter(c -> c.jdbc16() != null)
            .findFirst()
            .orElse(checkouts.isEmpty() ? null : checkouts.get(0));
    if (l != null) {
      double ratio = l.list100().perSecond() / l.ping().perSecond();
      targets.add(
          new Target(
              "1",
              "listing 100 of 10,000 products / admin `/ping`, 32 connections ("
                  + l.database()
                  + ")",
              String.format(
                  Locale.ROOT,
                  "%s / %s req/s = **%.2f**",
                  rate(l.list100().perSecond()),
                  rate(l.ping().perSecond()),
                  ratio),
              "≥ " + TARGET_LIST_RATIO,
              ratio >= TARGET_LIST_RATIO));
    }
    if (pg != null && pg.jdbc16() != null) {
      double ratio = pg.http16().perSecond() / pg.jdbc16().perSecond();
      targets.add(
          new Target(
              "2",
              "checkouts over HTTP / plain JDBC loop, 16 clients (" + pg.database() + ")",
              String.format(
                  Locale.ROOT,
                  "%s / %s per s = **%.2f**",
                  rate(pg.http16().perSecond()),
                  rate(pg.jdbc16().perSecond()),
                  ratio),
              "≥ " + TARGET_CHECKOUT_RATIO,
              ratio >= TARGET_CHECKOUT_RATIO));
    }
    if (l != null) {
      double flat = l.largePages().p50() / l.smallPages().p50();
      targets.add(
          new Target(
              "3a",
              String.format(
                  Locale.ROOT,
                  "listing latency, %,d / %,d products (p50, random keyset pages)",
                  l.largeCatalogue(),
                  l.smallCatalogue()),
              String.format(
                  Locale.ROOT,
                  "%s / %s ms = **%.2f**",
                  ms(l.largePages().p50()),
                  ms(l.smallPages().p50()),
                  flat),
              "≤ " + TARGET_FLATNESS,
              flat <= TARGET_FLATNESS));
      double cart = l.cartHundredLines().p50() / l.cartOneLine().p50();
      targets.add(
          new Target(
              "3b",
              "cart view latency, 100 lines / 1 line (p50)",
              String.format(
                  Locale.ROOT,
                  "%s / %s ms = **%.2f**",
                  ms(l.cartHundredLines().p50()),
                  ms(l.cartOneLine().p50()),
                  cart),
              "≤ " + fmt(TARGET_CART_RATIO),
              cart <= TARGET_CART_RATIO));
    }
    for (Figures.Listing search : listings) {
      targets.add(searchTarget(search, 0));
      targets.add(searchTarget(search, 1));
    }
    if (l != null) {
      targets.add(
          new Target(
              "4a",
              "start-up to the first 200 on `GET /` (fresh " + l.database() + " database)",
              String.format(Locale.ROOT, "**%.2f s**", l.startupSeconds()),
              "< " + fmt(TARGET_STARTUP_SECONDS) + " s",
              l.startupSeconds() < TARGET_STARTUP_SECONDS));
      double rss = l.maxRssKib() / 1024.0;
      targets.add(
          new Target(
              "4b",
              "resident memory under the listing load (max VmRSS, " + jvmSettings() + ")",
              String.format(Locale.ROOT, "**%.0f MiB**", rss),
              "< " + fmt(TARGET_RSS_MIB) + " MiB (the launcher's JVM options)",
              options.jvm() == Options.Jvm.LAUNCHER
                  ? Boolean.valueOf(l.maxRssKib() > 0 && rss < TARGET_RSS_MIB)
                  : null));
      targets.add(
          new Target(
              "4c",
              "the server jar's size",
              String.format(Locale.ROOT, "**%.1f MiB**", jarBytes / 1024.0 / 1024.0),
              "(reported)",
              null));
      Double fullCpu = cpuMicros.get(l.list100());
      Double notModifiedCpu = cpuMicros.get(l.list100NotModified());
      boolean both = fullCpu != null && notModifiedCpu != null;
      targets.add(
          new Target(
              "7",
              "server CPU of a 304 / of the full page (`GET /api/products?limit=100`, 32"
                  + " connections)",
              both
                  ? String.format(
                      Locale.ROOT,
                      "%,.0f / %,.0f µs = **%.2f**",
                      notModifiedCpu,
                      fullCpu,
                      notModifiedCpu / fullCpu)
                  : "–",
              "≤ " + TARGET_NOT_MODIFIED_CPU_RATIO,
              both
                  ? Boolean.valueOf(notModifiedCpu / fullCpu <= TARGET_NOT_MODIFIED_CPU_RATIO)
                  : null));
      targets.add(
          new Target(
              "8",
              "server CPU per request of the cart flow (create, put a line, view, delete; 16"
                  + " connections)",
              cpuMicros.containsKey(l.cartFlow())
                  ? String.format(
                      Locale.ROOT,
                      "**%,.0f µs** per request, %,.0f per visit of four",
                      cpuMicros.get(l.cartFlow()),
                      4 * cpuMicros.get(l.cartFlow()))
                  : "–",
              "(reported; issue 14: 30 % below the report before it)",
              null));
      double rootRatio = l.list100().perSecond() / l.root().perSecond();
      targets.add(
          new Target(
              "9",
              "listing 100 of 10,000 products / `GET /` through Jersey, 32 connections (issue 14)",
              String.format(
                  Locale.ROOT,
                  "%s / %s req/s = **%.2f**",
                  rate(l.list100().perSecond()),
                  rate(l.root().perSecond()),
                  rootRatio),
              "≥ " + TARGET_LIST_ROOT_RATIO,
              rootRatio >= TARGET_LIST_ROOT_RATIO));
      Double listCpu = cpuMicros.get(l.list100());
      targets.add(
          new Target(
              "10",
              "server CPU per listing of 100 products, 32 connections (issue 14)",
              listCpu == null ? "–" : String.format(Locale.ROOT, "**%,.0f µs**", listCpu),
              "≤ " + fmt(TARGET_LIST_CPU_MICROS) + " µs",
              listCpu == null ? null : Boolean.valueOf(listCpu <= TARGET_LIST_CPU_MICROS)));
      HttpLoad.Result original = l.originalList200();
      boolean sameRun = original != null && original.perSecond() > 0;
      double originalRate = sameRun ? original.perSecond() : ORIGINAL_LIST200_PER_SECOND;
      double goal = originalRate * TIMES_FASTER;
      targets.add(
          new Target(
              "5",
              sameRun
                  ? "listing 200 products, 16 connections, against the original measured in this"
                      + " run (same clients; "
                      + rate(originalRate)
                      + " req/s)"
                  : "listing 200 products, 16 connections, against the original's ~"
                      + rate(originalRate)
                      + " req/s (a figure remembered from another day, not this run: see"
                      + " --original)",
              String.format(
                  Locale.ROOT,
                  "**%s req/s** (%.1f×)",
                  rate(l.list200().perSecond()),
                  l.list200().perSecond() / originalRate),
              "≥ " + rate(goal) + " req/s (10×)",
              l.list200().perSecond() >= goal));
    }
    if (pg != null) {
      Double checkoutCpu = cpuMicros.get(pg.http16());
      targets.add(
          new Target(
              "11",
              "server CPU per checkout, 16 clients (" + pg.database() + "; issue 14)",
              checkoutCpu == null ? "–" : String.format(Locale.ROOT, "**%,.0f µs**", checkoutCpu),
              "≤ " + fmt(TARGET_CHECKOUT_CPU_MICROS) + " µs on PostgreSQL",
              checkoutCpu == null
                  ? null
                  : Boolean.valueOf(checkoutCpu <= TARGET_CHECKOUT_CPU_MICROS)));
    }
    for (Figures.Checkout c : checkouts) {
      double goal = ORIGINAL_CHECKOUTS_PER_SECOND * TIMES_FASTER;
      boolean exact = c.exactness().exact() && c.probe().exact();
      targets.add(
          new Target(
              "6",
              "checkouts/s at 8 clients against the original's ~140/s (remembered, not this run),"
                  + " and exact ("
                  + c.database()
                  + ")",
              String.format(
                  Locale.ROOT,
                  "**%s/s** (%.1f×), 16 clients %s/s; %s",
                  rate(c.http8().perSecond()),
                  c.http8().perSecond() / ORIGINAL_CHECKOUTS_PER_SECOND,
                  rate(c.http16().perSecond()),
                  exact ? "exact" : "**NOT exact**"),
              "≥ " + rate(goal) + "/s (10×), exact",
              c.http8().perSecond() >= goal && exact));
    }
    return targets;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    md.append("Generated by `bench/run")
        .append(options.arguments().isEmpty() ? "" : " " + String.join(" ", options.arguments()))
        .append("` on ")
        .append(DateTimeFormatter.ISO_LOCAL_DATE.format(started.atZone(ZoneOffset.UTC)))
        .append(" (")
        .append(gitDescribe())
        .append("), in ")
        .append(took.toMinutes())
        .append(" min ")
        .append(took.toSecondsPart())
        .append(" s. Run the command again rather than edit the figures by hand.")
        .append(" [Throughput against concurrency](")
        .append(options.chart().getFileName())
        .append(").\n\n");

    md.append("## Targets\n\n");
    md.append("| # | measurement | measured | target | met |\n| --- | --- | --- | --- | --- |\n");
    List<Target> targets = targets();
    for (Target t : targets) {
      md.append("| ")
          .append(t.id())
          .append(" | ")
          .append(t.what())
          .append(" | ")
          .append(t.measured())
          .append(" | ")
          .append(t.target())
          .append(" | ")
          .append(t.met() == null ? "–" : t.met() ? "met" : "**not met**")
          .append(" |\n");
    }
    List<Target> missed = targets.stream().filter(t -> Boolean.FALSE.equals(t.met())).toList();
    md.append('\n');
    if (missed.isEmpty()) {
      md.append("Every target is met in this run.\n\n");
    } else {
      md.append("Not met in this run: ")
          .append(String.join(", ", missed.stream().map(Target::id).toList()))
          .append(". What limits each is under [Profiles and changes](#profiles-and-changes).\n\n");
    }

    setup(md);
    for (Figures.Listing l : listings) {
      listing(md, l);
    }
    for (Figures.Checkout c : checkouts) {
      checkout(md, c);
    }
    if (!listings.isEmpty()) {
      sweep(md, listings.get(0));
    }
    List<JfrSummary> profiles = new ArrayList<>();
    listings.stream().map(Figures.Listing::profile).filter(p -> p != null).forEach(profiles::add);
    checkouts.stream().map(Figures.Checkout::profile).filter(p -> p != null).forEach(profiles::add);
    if (!profiles.isEmpty()) {
      md.append("## Profiles of this run\n\n");
      md.append(
          "Recorded with `jcmd <pid> JFR.start settings=profile` (`--profile`) during an extra"
              + " run of the same workload after the measured ones (so no recording runs during"
              + " the figures above), summarised with `jdk.jfr.consumer.RecordingFile`. Each"
              + " server started and discarded one recording right after start-up, before any"
              + " load: JFR's first start in a running JVM slows the server for tens of seconds"
              + " (see the notes), and the profiles must describe the server, not that.\n\n");
      for (JfrSummary p : profiles) {
        md.append(p.markdown()).append('\n');
      }
    }
    md.append("## Profiles and changes\n\n");
    if (notes != null) {
      md.append(notes.strip()).append('\n');
    } else {
      md.append("(no notes file: `").append(options.notes()).append("`)\n");
    }
    return md.toString();
  }

  private void setup(StringBuilder md) {
    md.append("## Set-up\n\n");
    md.append("- **Machine**: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores (")
        .append(cpuModel())
        .append("), ")
        .append(memTotal())
        .append(", ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append(". **The load generator, the server and the database share these cores.**")
        .append(" Load average (1 min): ")
        .append(load)
        .append("; the benchmark ran at niceness ")
        .append(niceness())
        .append(" (its server and database inherit it), so that any other work on the machine")
        .append(" disturbs it less.\n");
    md.append("- **JDK**: ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append(" for both the server and the load generator. The server runs as `java ")
        .append(options.jvmOptions().isEmpty() ? "" : String.join(" ", options.jvmOptions()) + " ")
        .append("-jar store-app.jar server config.yml` with ")
        .append(
            switch (options.jvm()) {
              case LAUNCHER ->
                  "**the JVM options of the launcher `"
                      + options.launcher()
                      + "`** (read from its `default_opts` line), as the README's run command"
                      + " starts it";
              case GIVEN -> "**the JVM options given** (`--jvm-option`), not the launcher's";
              case NONE ->
                  "**default JVM settings** (`--no-jvm-options`: no heap or GC flags; here that"
                      + " means a maximum heap of a quarter of the memory)";
            })
        .append(
            ", request logging **off** (`server.requestLog.appenders: []`), application logging at")
        .append(" INFO to a file, and a generated 48-byte `jwt.secret`.\n");
    md.append("- **Load**: this project's own driver (`store-bench`, JDK only): closed-loop,")
        .append(" one thread and one keep-alive HTTP/1.1 connection per client on blocking")
        .append(" sockets to 127.0.0.1; latency from the request's write to the response's last")
        .append(" byte. Each measurement: ")
        .append(seconds(options.warmup()))
        .append(" warm-up, then ")
        .append(seconds(options.duration()))
        .append(" measured (")
        .append(seconds(options.sweepDuration()))
        .append(" per point of the concurrency sweep, after up to 1 s of warm-up). Latency")
        .append(" figures (section 3) use one connection, so they are service time, not")
        .append(" queueing. *Server CPU µs/req* is the server process's user + system time (all")
        .append(" threads, garbage collection included, from `/proc/<pid>/stat`) during the")
        .append(" measurement divided by the requests answered: the figure that the load")
        .append(" generator sharing the cores disturbs least.\n");
    md.append("- **Data**: filled through the public API (one producer, products created by")
        .append(" concurrent `java.net.http.HttpClient` requests). The large catalogue's extra")
        .append(" rows are inserted with one SQL statement instead, see section 3.\n");
    if (postgres != null) {
      md.append("- **PostgreSQL**: ").append(postgres).append(".\n");
    }
    md.append("- **H2**: the server's own default, an embedded file (`./data/store` under the")
        .append(" server's working directory) with its default pool (Dropwizard")
        .append(" `DataSourceFactory`: max 100, min 10 connections).\n\n");
  }

  /** Issue 23: a search's first page on the large catalogue costs at most twice the small's. */
  static final double TARGET_SEARCH_FLATNESS = 2.0;

  private static Target searchTarget(Figures.Listing l, int which) {
    HttpLoad.Result small = l.smallSearches().get(which);
    HttpLoad.Result large = l.largeSearches().get(which);
    double ratio = large.p50() / small.p50();
    return new Target(
        which == 0 ? "5a" : "5b",
        String.format(
            Locale.ROOT,
            "search latency, %s, %,d / %,d products (p50, first page, %s)",
            Benchmark.SEARCHES.get(which)[0],
            l.largeCatalogue(),
            l.smallCatalogue(),
            l.database()),
        String.format(
            Locale.ROOT, "%s / %s ms = **%.2f**", ms(large.p50()), ms(small.p50()), ratio),
        "≤ " + fmt(TARGET_SEARCH_FLATNESS),
        ratio <= TARGET_SEARCH_FLATNESS);
  }

  private void listing(StringBuilder md, Figures.Listing l) {
    md.append("## 1. Listing against the framework's own ceiling (")
        .append(l.database())
        .append(")\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Catalogue of %,d products filled through the API in %.1f s (%,d requests). `/ping` is"
                + " Dropwizard's admin servlet on the same server: the cost of HTTP and the"
                + " framework with no resource, no JSON and no database.%n%n",
            options.catalogue(),
            l.fillSeconds(),
            l.fillRequests()));
    List<HttpLoad.Result> rows =
        new ArrayList<>(List.of(l.list100(), l.ping(), l.root(), l.list200()));
    if (l.originalList200() != null) {
      // The original's own process: its CPU is not this server's, so the column stays empty.
      rows.add(l.originalList200());
    }
    table(md, rows);
    md.append(
        String.format(
            Locale.ROOT,
            "%nRatio listing / ping at 32 connections: **%.2f** (target ≥ %s). `GET /` answers a"
                + " constant text through Jersey, with no JSON and no database: its ratio to"
                + " `/ping`, **%.2f**, is the most any resource served through Jersey can reach"
                + " on this machine.%n%n",
            l.list100().perSecond() / l.ping().perSecond(),
            TARGET_LIST_RATIO,
            l.root().perSecond() / l.ping().perSecond()));

    md.append("## 3. Latency against catalogue size and cart size (")
        .append(l.database())
        .append(")\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "One connection. The %,d-product catalogue is the first %,d products made through the"
                + " API; the %,d-product one adds rows with %s (%.1f s), then starts a fresh"
                + " server (start-up on it: %.2f s). \"Random pages\" are `GET"
                + " /api/products?limit=100&after=N` with N drawn across the whole catalogue, so"
                + " most pages are deep; keyset paging should make them cost the same as the"
                + " first.%n%n",
            l.smallCatalogue(),
            l.smallCatalogue(),
            l.largeCatalogue(),
            l.bulkMethod(),
            l.bulkSeconds(),
            l.largeStartupSeconds()));
    table(
        md,
        List.of(
            l.smallFirstPage(),
            l.smallPages(),
            l.largeFirstPage(),
            l.largePages(),
            l.cartOneLine(),
            l.cartHundredLines()));
    md.append(
        String.format(
            Locale.ROOT,
            "%nRatios of p50: %,d / %,d products, random pages **%.2f**, first page %.2f (target"
                + " ≤ %s); cart of 100 lines / 1 line **%.2f** (target ≤ %s).%n%n",
            l.largeCatalogue(),
            l.smallCatalogue(),
            l.largePages().p50() / l.smallPages().p50(),
            l.largeFirstPage().p50() / l.smallFirstPage().p50(),
            TARGET_FLATNESS,
            l.cartHundredLines().p50() / l.cartOneLine().p50(),
            fmt(TARGET_CART_RATIO)));

    md.append("### Search (").append(l.database()).append(")\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "`GET /api/products?q=...&limit=100`, first page, one connection, on the same two"
                + " catalogues (issue 23). \"Product\" is in every title; \"saffron\" in one"
                + " title in 500 of those made through the API (%d of them), none of the bulk"
                + " rows. Each search goes through the title index (`product_word_prefix`, see"
                + " [the README](../README.md#search-the-catalogue)).%n%n",
            Benchmark.rareProducts(l.smallCatalogue())));
    List<HttpLoad.Result> searches = new ArrayList<>(l.smallSearches());
    searches.addAll(l.largeSearches());
    table(md, searches);
    md.append("\nRatios of p50, ")
        .append(
            String.format(
                Locale.ROOT, "%,d / %,d products: ", l.largeCatalogue(), l.smallCatalogue()));
    for (int i = 0; i < l.smallSearches().size(); i++) {
      md.append(i == 0 ? "" : ", ")
          .append(Benchmark.SEARCHES.get(i)[0])
          .append(
              String.format(
                  Locale.ROOT,
                  " **%.2f**",
                  l.largeSearches().get(i).p50() / l.smallSearches().get(i).p50()));
    }
    md.append(" (target ≤ ").append(fmt(TARGET_SEARCH_FLATNESS)).append(").\n\n");

    md.append("## 4. Start-up, memory, jar (").append(l.database()).append(")\n\n");
    md.append("| what | measured |\n| --- | --- |\n");
    md.append(
        String.format(
            Locale.ROOT,
            "| start-up: process start to first 200 on `GET /`, fresh database (migrations"
                + " run) | %.2f s |%n",
            l.startupSeconds()));
    md.append(
        String.format(
            Locale.ROOT,
            "| start-up on the %,d-product database | %.2f s |%n",
            l.largeCatalogue(),
            l.largeStartupSeconds()));
    md.append(
        String.format(
            Locale.ROOT,
            "| resident memory just after start-up | %.0f MiB |%n",
            l.idleRssKib() / 1024.0));
    md.append(
        String.format(
            Locale.ROOT,
            "| resident memory under the listing load: max VmRSS sampled every 100 ms | %.0f MiB"
                + " |%n",
            l.maxRssKib() / 1024.0));
    md.append(
        String.format(
            Locale.ROOT,
            "| peak resident memory of the process (VmHWM, fill included) | %.0f MiB |%n",
            l.peakRssKib() / 1024.0));
    md.append(
        String.format(
            Locale.ROOT,
            "| `store-app.jar` | %.1f MiB (%,d bytes) |%n%n",
            jarBytes / 1024.0 / 1024.0,
            jarBytes));

    md.append("## 7. Conditional GETs and the cart flow (").append(l.database()).append(")\n\n");
    md.append(
        "The same page and cart as above, sent with `If-None-Match` of their current `ETag`:"
            + " the server reads them as for a full answer but answers `304 Not Modified` with no"
            + " body, and builds no JSON. The cart flow is one shopper's visit after another on"
            + " each connection: `POST /api/shopping_cart`, `PUT` one line, `GET` the cart,"
            + " `DELETE` it; each of the four is a request here.\n\n");
    table(md, List.of(l.list100(), l.list100NotModified(), l.cartView(), l.cartViewNotModified()));
    md.append('\n');
    table(md, List.of(l.cartFlow()));
    md.append(
        String.format(
            Locale.ROOT,
            "%nServer CPU of a 304 / of the full answer: page of 100 **%s**, cart of 1 line"
                + " **%s** (target ≤ %s for the page).%n%n",
            cpuRatio(l.list100NotModified(), l.list100()),
            cpuRatio(l.cartViewNotModified(), l.cartView()),
            TARGET_NOT_MODIFIED_CPU_RATIO));
  }

  private String cpuRatio(HttpLoad.Result part, HttpLoad.Result whole) {
    Double a = cpuMicros.get(part);
    Double b = cpuMicros.get(whole);
    return a == null || b == null ? "–" : String.format(Locale.ROOT, "%.2f", a / b);
  }

  private void checkout(StringBuilder md, Figures.Checkout c) {
    md.append("## 2. Checkout against the database's own ceiling (")
        .append(c.database())
        .append(")\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%d products with ample stock; each cart made through the API (`POST"
                + " /api/shopping_cart`, then `PUT` one line of quantity 1, on the products in"
                + " turn) and checked out once with its own cart token (`POST"
                + " /api/shopping_cart/{id}/checkout`). %,d carts prepared (%.1f s for all but"
                + " the first %,d, which warmed the server up and sized the runs: %s"
                + " checkouts/s at 16 connections). Server start-up on this database: %.2f s.%n%n",
            c.products(),
            c.cartsPrepared(),
            c.cartPrepSeconds(),
            c.calibration().requests() + c.calibration().errors(),
            rate(c.calibration().perSecond()),
            c.startupSeconds()));
    md.append(
        "| what | clients | per second | p50 ms | p99 ms | failed | done | server CPU µs per"
            + " checkout |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (HttpLoad.Result r : List.of(c.http8(), c.http16())) {
      md.append(
          String.format(
              Locale.ROOT,
              "| checkout over HTTP | %d | %s | %s | %s | %d | %,d in %.1f s | %s |%n",
              r.connections(),
              rate(r.perSecond()),
              ms(r.p50()),
              ms(r.p99()),
              r.errors(),
              r.requests(),
              r.seconds(),
              cpu(r)));
    }
    for (JdbcCheckout.Result r : new JdbcCheckout.Result[] {c.jdbc8(), c.jdbc16()}) {
      if (r == null) {
        continue;
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| plain JDBC loop, same statements and transaction | %d | %s | %s | %s | %d |"
                  + " %,d in %.1f s | – |%n",
              r.threads(),
              rate(r.perSecond()),
              ms(r.percentileMillis(50)),
              ms(r.percentileMillis(99)),
              r.failures(),
              r.transactions(),
              r.seconds()));
    }
    md.append('\n');
    if (c.jdbc16() != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "Ratio HTTP / JDBC: **%.2f** at 16 clients (target ≥ %s), %.2f at 8.%n%n",
              c.http16().perSecond() / c.jdbc16().perSecond(),
              TARGET_CHECKOUT_RATIO,
              c.http8().perSecond() / c.jdbc8().perSecond()));
      md.append(
          "The JDBC loop (`JdbcCheckout`) issues, per cart and in one transaction at the"
              + " connection's default isolation, what the server's checkout issues through"
              + " store-persistence on PostgreSQL: `SELECT ... FOR UPDATE` on the cart, then (a"
              + " statement of its own, once the lock is held) the cart joined with its lines"
              + " and their products, then one statement"
              + " (a data-modifying `WITH`) that locks the lines' products in id order, takes"
              + " each line's stock by a conditional `UPDATE ... WHERE inventory_count >= q`"
              + " and, only if every line's was taken, inserts the order, its producers' parts"
              + " and its lines and marks the cart checked out; `COMMIT`; one connection per"
              + " thread, statements prepared once, on carts prepared by SQL in the same"
              + " database, with the server stopped.\n\n");
    } else {
      md.append(
          "No JDBC ceiling on this database: (2) is defined on PostgreSQL, and the embedded H2"
              + " file is locked by the server.\n\n");
    }
    Figures.Exactness e = c.exactness();
    md.append("**Exactness** (read back through the API after all the runs): ")
        .append(
            String.format(
                Locale.ROOT,
                "for each of %d products, units sold (summed over the %,d orders the checkouts"
                    + " returned, %,d units) + stock left = stock at start: ",
                e.productsChecked(),
                e.orders(),
                e.unitsSold()))
        .append(e.exact() ? "**holds for every product**" : "**FAILS**: " + e.mismatches())
        .append(". Statuses of all checkout answers: ")
        .append(e.statuses())
        .append(
            e.unknownOutcomes() == 0
                ? ""
                : String.format(
                    Locale.ROOT, " (%d answers lost, their carts read back)", e.unknownOutcomes()))
        .append(".\n\n");
    Figures.Probe p = c.probe();
    md.append(
        String.format(
            Locale.ROOT,
            "**Race for scarce stock**: %d carts of one unit each of a product with %d in stock,"
                + " checked out by 16 connections at once: %d succeeded, %d refused with 409,"
                + " %d other; stock left %d; %s.%n%n",
            p.carts(),
            p.stock(),
            p.succeeded(),
            p.refused(),
            p.other(),
            p.stockLeft(),
            p.exact() ? "**exact, no overselling**" : "**NOT exact**"));
  }

  private void sweep(StringBuilder md, Figures.Listing l) {
    md.append("## Throughput against concurrency (").append(l.database()).append(")\n\n");
    md.append("![throughput against concurrency](")
        .append(options.chart().getFileName())
        .append(")\n\n");
    md.append("| connections | listing req/s | listing p50 ms | listing p99 ms | `/ping` req/s |")
        .append(" `/ping` p99 ms | ratio |\n");
    md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (int i = 0; i < l.sweepList().size(); i++) {
      HttpLoad.Result list = l.sweepList().get(i);
      HttpLoad.Result ping = l.sweepPing().get(i);
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %s | %s | %s | %.2f |%n",
              list.connections(),
              rate(list.perSecond()),
              ms(list.p50()),
              ms(list.p99()),
              rate(ping.perSecond()),
              ms(ping.p99()),
              list.perSecond() / ping.perSecond()));
    }
    md.append('\n');
  }

  String chart(Figures.Listing l) {
    int[] xs = l.sweepList().stream().mapToInt(HttpLoad.Result::connections).toArray();
    double[] list = l.sweepList().stream().mapToDouble(HttpLoad.Result::perSecond).toArray();
    double[] ping = l.sweepPing().stream().mapToDouble(HttpLoad.Result::perSecond).toArray();
    return SvgChart.render(
        "Throughput against concurrency (" + l.database() + ", 2 shared cores)",
        "connections (closed loop)",
        "requests per second",
        xs,
        List.of(
            new SvgChart.Series("admin /ping", ping),
            new SvgChart.Series("GET /api/products?limit=100", list)));
  }

  private void table(StringBuilder md, List<HttpLoad.Result> results) {
    md.append(
        "| request | connections | req/s | p50 ms | p99 ms | errors | requests | server CPU"
            + " µs/req |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (HttpLoad.Result r : results) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %s | %s | %d | %,d | %s |%n",
              r.name(),
              r.connections(),
              rate(r.perSecond()),
              ms(r.p50()),
              ms(r.p99()),
              r.errors(),
              r.requests(),
              cpu(r)));
    }
  }

  /** The server's CPU time per request during a measurement (user + system, all threads). */
  private String cpu(HttpLoad.Result r) {
    Double micros = cpuMicros.get(r);
    return micros == null ? "–" : String.format(Locale.ROOT, "%,.0f", micros);
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  static String ms(double millis) {
    return Double.isNaN(millis)
        ? "–"
        : millis < 10
            ? String.format(Locale.ROOT, "%.2f", millis)
            : String.format(Locale.ROOT, "%.1f", millis);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
  }

  private static String seconds(Duration d) {
    double s = d.toMillis() / 1000.0;
    return (s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f", s) : Double.toString(s)) + " s";
  }

  /** The 1-minute load average, from {@code /proc/loadavg}. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** This process's niceness, from {@code /proc/self/stat}. */
  private static String niceness() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  private static String memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("MemTotal:")) {
          long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.0f GiB of memory", kib / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return ManagementFactory.getRuntimeMXBean().getVmName();
  }

  private static String gitDescribe() {
    try {
      Process git =
          new ProcessBuilder("git", "describe", "--always", "--dirty")
              .redirectErrorStream(true)
              .start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && !out.isEmpty()) {
        return "commit " + out;
      }
    } catch (IOException e) {
      // no git
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "commit unknown";
  }

  /** How the server's JVM was started, for the memory target's label. */
  private String jvmSettings() {
    return switch (options.jvm()) {
      case LAUNCHER ->
          "the launcher's JVM options `" + String.join(" ", options.jvmOptions()) + "`";
      case GIVEN -> "JVM options `" + String.join(" ", options.jvmOptions()) + "`";
      case NONE -> "default JVM settings";
    };
  }
}

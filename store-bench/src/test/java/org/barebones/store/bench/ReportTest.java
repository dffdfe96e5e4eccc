package org.barebones.store.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTest {

  /** A result of {@code perSecond} requests per second whose every latency is {@code ms}. */
  private static Load.Result result(String name, double perSecond, double ms, Double cpu) {
    Histogram h = new Histogram(3);
    h.recordValueWithCount((long) (ms * 1e6), 1000);
    return new Load.Result(name, 16, (long) (perSecond * 10), 0, 10, h, cpu, 20.0);
  }

  /** A flash sale on one node: the same hot run at every concurrency, spread 500/s, exact. */
  private static Figures.FlashSale sale(String database, Load.Result hot, Load.Result during) {
    List<Figures.FlashRun> runs = new ArrayList<>();
    for (int c : Benchmark.FLASH_CONNECTIONS) {
      runs.add(
          new Figures.FlashRun(
              database + ", one node", c, hot, result("spread", 500, 200, hot.serverCpu())));
    }
    Figures.Probe exact = new Figures.Probe(400, 1000, 400, 600, 0, 0, true);
    return new Figures.FlashSale(database, 1, runs, exact, result("idle", 20, 5, null), during);
  }

  @Test
  void fillsPathsRatiosFormatsAndRows() {
    Map<String, Object> v = new HashMap<>();
    v.put("r", result("list", 1234.4, 2.5, 80.0));
    v.put("rows", List.of(result("a", 10, 1, null), result("b", 20, 12.5, 90.0)));
    v.put("target", Report.TARGET);

    assertThat(Report.fill("{{r.name}}: {{r.perSecond|rate}}/s, p99 {{r.p99|ms}} ms", v))
        .isEqualTo("list: 1,234/s, p99 2.50 ms");
    assertThat(Report.fill("{{r.serverCpu / r.clientCpu|%.2f}} of {{target.flash}}", v))
        .isEqualTo("4.00 of 0.9");
    assertThat(Report.fill("@each rows as x | {{x.name}} | {{x.serverCpu|%,.0f}} |", v))
        .isEqualTo("| a | – |\n| b | 90 |");
    assertThat(Report.fill("@results rows", v))
        .startsWith("| request | connections |")
        .contains("| a | 16 | 10 | 1.00 | 1.00 | 0 | 100 | – | 20 |")
        .endsWith("| b | 16 | 20 | 12.5 | 12.5 | 0 | 200 | 90 | 20 |");
    assertThatThrownBy(() -> Report.fill("{{r.nothing}}", v))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nothing");
    assertThatThrownBy(() -> Report.fill("{{nobody}}", v))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theWholeReportRenders_withEverySectionAndEveryTargetJudged() throws Exception {
    Options options = Options.parse("--quick");
    Map<String, Load.Result> r = new HashMap<>();
    for (String name :
        List.of(
            "smallFirst",
            "smallPages",
            "largeFirst",
            "largePages",
            "cartOne",
            "cartHundred",
            "list100",
            "ping",
            "root",
            "list200",
            "list304",
            "cartView",
            "cart304",
            "cartFlow")) {
      r.put(name, result(name, 1000, 2, 100.0));
    }
    r.put("original", null);
    Map<String, Double> n = new HashMap<>();
    for (String name :
        List.of(
            "startup",
            "largeStartup",
            "fillSeconds",
            "fillRequests",
            "bulkSeconds",
            "idleRss",
            "maxRss",
            "peakRss")) {
      n.put(name, 1.0);
    }
    List<Load.Result> searches =
        List.of(result("s1", 10, 1, null), result("s2", 10, 1, null), result("s3", 10, 1, null));
    Figures.Listing listing =
        new Figures.Listing(
            "H2",
            r,
            n,
            searches,
            searches,
            List.of(new Figures.SweepPoint(result("l", 900, 1, null), result("p", 1800, 1, null))),
            List.of());
    Figures.Probe exact = new Figures.Probe(50, 200, 50, 150, 0, 0, true);
    Figures.Exactness holds =
        new Figures.Exactness(201, 1000, 1000, 0, List.of(), Map.of(200, 1000L));
    Map<String, Load.Result> checkoutResults = new HashMap<>();
    checkoutResults.put("calibration", result("cal", 500, 20, 300.0));
    checkoutResults.put("http8", result("http8", 1500, 5, 300.0));
    checkoutResults.put("http16", result("http16", 1600, 9, 300.0));
    checkoutResults.put("inProcess8", result("in8", 2000, 4, null));
    checkoutResults.put("inProcess16", result("in16", 2100, 7, null));
    Map<String, Double> checkoutFigures =
        Map.of("startup", 1.0, "prepared", 5000.0, "prepSeconds", 3.0);
    Figures.Checkout checkout =
        new Figures.Checkout(
            "PostgreSQL", checkoutResults, checkoutFigures, holds, exact, List.of());
    Figures.FlashSale sale =
        sale("PostgreSQL", result("hot", 400, 300, 2000.0), result("during", 20, 40, null));
    // H2's sale: shown against PostgreSQL's targets; no answer at all during the sale.
    Figures.FlashSale h2Sale =
        sale(
            "H2",
            result("hot", 100, 300, null),
            new Load.Result("during", 1, 0, 0, 1, new Histogram(3), null, null));
    Report report =
        new Report(
            options,
            Instant.parse("2026-12-06T06:00:00Z"),
            Duration.ofMinutes(3),
            30_000_000,
            "embedded",
            List.of(listing),
            List.of(checkout),
            List.of(sale, h2Sale),
            List.of(new Figures.Storage("H2", 5955.5, 120, 4021, 98.4)),
            List.of(new Postgres.PgBench(64, 9000, 30000)),
            null,
            "1.0",
            "notes");

    String md = report.markdown();

    assertThat(md)
        .contains(
            "## Targets",
            "## 1. Listing against",
            "## 3. Latency against",
            "### Search (H2)",
            "## 4. Start-up",
            "## 7. Conditional GETs",
            "## Throughput against concurrency",
            "## 2. Checkout against",
            "## 12. The flash sale",
            "## Storage per cart",
            "## Profiles and changes")
        .contains("| 64 | 9,000 | 30,000 | **0.30** |")
        .contains("| H2 | 5,956 B | 120 B | 4,021 B | 98 B |")
        .contains("Ratio HTTP / in process: **0.76** at 16 clients")
        .doesNotContain("{{", "@each", "@results");
    List<Report.Target> targets = report.targets();
    assertThat(targets)
        .extracting(Report.Target::id)
        .contains(
            "1", "2", "3a", "3b", "4a", "4b", "4c", "5", "5a", "5b", "6", "7", "8", "9", "10", "11",
            "12a", "12b", "12c", "12d");
    // hot / spread 400 / 500 = 0.8 < 0.9; p99 300 / 200 = 1.5 <= 2; add to cart 40 / 5 = 8 > 2.
    assertThat(targets)
        .filteredOn(t -> t.id().equals("12a"))
        .extracting(Report.Target::met)
        .containsExactly(false, false, null);
    assertThat(targets)
        .filteredOn(t -> t.id().equals("12b"))
        .extracting(Report.Target::met)
        .containsOnly(true);
    assertThat(targets)
        .filteredOn(t -> t.id().equals("12c"))
        .extracting(Report.Target::met)
        .containsExactly(false, null);
    assertThat(targets)
        .filteredOn(t -> t.id().equals("12d"))
        .extracting(Report.Target::met)
        .containsExactly(true, true);
    // H2's flash sale: shown against PostgreSQL's target, not judged; no answer at all is "–".
    assertThat(targets)
        .filteredOn(t -> t.what().contains("(H2, one node; the target is PostgreSQL's)"))
        .extracting(Report.Target::measured, Report.Target::target, Report.Target::met)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("100 / 500 /s = **0.20**", "≥ 0.9", null),
            org.assertj.core.groups.Tuple.tuple("–", "≤ 2", null));
    assertThat(targets)
        .filteredOn(t -> t.id().equals("2"))
        .extracting(Report.Target::measured)
        .containsExactly("1,600 / 2,100 per s = **0.76**");
  }

  @Test
  void theServerConfigurationBindsToLoopbackAndTurnsTheRequestLogOff() {
    assertThat(ServerProcess.config(8080, 8081, ""))
        .contains(
            "bindHost: 127.0.0.1", "port: 8080", "port: 8081", "requestLog:\n    appenders: []")
        .containsPattern("secret: \"[A-Za-z0-9_-]{64}\"");
    // One secret for every server of the run: a second node accepts the first one's tokens.
    assertThat(ServerProcess.config(1, 2, "").lines().filter(l -> l.contains("secret:")))
        .containsExactlyElementsOf(
            ServerProcess.config(3, 4, "").lines().filter(l -> l.contains("secret:")).toList());
  }
}

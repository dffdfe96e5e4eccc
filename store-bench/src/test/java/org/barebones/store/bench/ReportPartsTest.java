package org.barebones.store.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ReportPartsTest {

  @Test
  void theChartIsWellFormedSvgWithOneLinePerSeries() throws Exception {
    String svg =
        SvgChart.render(
            "Throughput <&>",
            "connections",
            "requests per second",
            new int[] {1, 2, 4, 8, 16, 32, 64},
            List.of(
                new SvgChart.Series("ping", new double[] {900, 1800, 3500, 4000, 4100, 4000, 3900}),
                new SvgChart.Series(
                    "list", new double[] {300, 600, 1000, 1200, 1250, 1240, Double.NaN})));
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(2);
    assertThat(doc.getElementsByTagName("circle").getLength()).isEqualTo(13);
    assertThat(svg).contains("Throughput &lt;&amp;&gt;");
  }

  @Test
  void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(SvgChart.niceStep(820)).isEqualTo(1000);
    assertThat(SvgChart.niceStep(130)).isEqualTo(200);
    assertThat(SvgChart.niceStep(0.3)).isEqualTo(0.5);
  }

  @Test
  void cartStorage_printsBytesPerCartOfEachDatabase() {
    String table =
        CartStorage.markdown(
            java.util.List.of(
                new CartStorage.Figures("H2", 2_000, 5_955.5, 120.0, 4_021.0, 98.4),
                new CartStorage.Figures("PostgreSQL", 2_000, 152.0, 152.0, 319.0, Double.NaN)));

    assertThat(table)
        .contains("| H2 | 5,956 B | 120 B | 4,021 B | 98 B |")
        .contains("| PostgreSQL | 152 B | 152 B | 319 B | n/a |");
  }

  @Test
  void optionsHaveTheIssuesDefaults() {
    Options defaults = Options.parse();
    assertThat(defaults.listingOnH2()).isTrue();
    assertThat(defaults.listingOnPostgres()).isFalse();
    assertThat(defaults.checkoutOnPostgres()).isTrue();
    assertThat(defaults.checkoutOnH2()).isTrue();
    assertThat(defaults.duration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.largeCatalogue()).isEqualTo(1_000_000);
    assertThat(defaults.out()).isEqualTo(Path.of("docs", "benchmarks.md"));
    assertThat(defaults.chart()).isEqualTo(Path.of("docs", "throughput.svg"));
    assertThat(defaults.sweep()).containsExactly(1, 2, 4, 8, 16, 32, 64);

    Options quick = Options.parse("--quick", "--db", "both", "--pg", "127.0.0.1:5433");
    assertThat(quick.duration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(quick.largeCatalogue()).isEqualTo(100_000);
    assertThat(quick.checkoutOnH2()).isTrue();
    assertThat(quick.pgPort()).isEqualTo(5433);

    Options listingOnly = Options.parse("--only", "listing");
    assertThat(listingOnly.listingOnH2()).isTrue();
    assertThat(listingOnly.checkoutOnH2()).isFalse();
    assertThat(listingOnly.checkoutOnPostgres()).isFalse();
    assertThat(listingOnly.needsPostgres()).isFalse();
    Options checkoutOnly = Options.parse("--only", "checkout", "--jvm-option", "-Xmx256m");
    assertThat(checkoutOnly.listingOnH2()).isFalse();
    assertThat(checkoutOnly.checkoutOnPostgres()).isTrue();
    assertThat(checkoutOnly.jvmOptions()).containsExactly("-Xmx256m");
    assertThat(checkoutOnly.jvm()).isEqualTo(Options.Jvm.GIVEN);
    assertThat(defaults.jvm()).isEqualTo(Options.Jvm.LAUNCHER);
    assertThat(defaults.launcher()).isEqualTo(Path.of("bin", "store"));
    assertThat(defaults.jvmOptions()).isEmpty(); // read from the launcher when the run starts
    assertThat(Options.parse("--no-jvm-options").jvm()).isEqualTo(Options.Jvm.NONE);
    assertThat(defaults.originalPort()).isZero(); // the original is measured only when named
    assertThat(Options.parse("--original", "5000").originalPort()).isEqualTo(5000);
    assertThatThrownBy(() -> Options.parse("--no-jvm-options", "--jvm-option", "-Xmx1g"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(defaults.cartStorage()).isTrue();
    assertThat(listingOnly.cartStorage()).isFalse();
    Options cartsOnly = Options.parse("--only", "carts");
    assertThat(cartsOnly.cartStorage()).isTrue();
    assertThat(cartsOnly.needsPostgres()).isTrue();
    assertThat(cartsOnly.listingOnH2()).isFalse();
    assertThat(cartsOnly.checkoutOnH2()).isFalse();
    assertThat(cartsOnly.checkoutOnPostgres()).isFalse();
    assertThat(cartsOnly.out()).isEqualTo(Path.of("docs", "cart-storage.md"));

    assertThatThrownBy(() -> Options.parse("--only", "ping"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Options.parse("--db", "sqlite"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Options.parse("--duration"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void samplesAreAttributedToTheirComponent() {
    assertThat(JfrSummary.componentOf("com.fasterxml.jackson.core.json.UTF8JsonGenerator"))
        .isEqualTo("Jackson");
    assertThat(JfrSummary.componentOf("org.barebones.store.http.api.ProductResponse"))
        .isEqualTo("store-http");
    assertThat(JfrSummary.componentOf("org.h2.mvstore.MVMap")).isEqualTo("H2");
    assertThat(JfrSummary.componentOf("java.util.HashMap")).isEqualTo("JDK other");
    assertThat(JfrSummary.componentOf("com.example.Thing")).isEqualTo("other");
  }

  @Test
  void theServerConfigurationBindsToLoopbackAndTurnsTheRequestLogOff() {
    String config = ServerProcess.config(8080, 8081, "");
    assertThat(config)
        .contains("bindHost: 127.0.0.1")
        .contains("port: 8080")
        .contains("port: 8081")
        .contains("requestLog:\n    appenders: []")
        .containsPattern("secret: \"[A-Za-z0-9_-]{64}\"");
  }
}

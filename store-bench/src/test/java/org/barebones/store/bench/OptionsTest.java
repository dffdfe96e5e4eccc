package org.barebones.store.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void theDefaultsRunEverySuite() throws Exception {
    Options o = Options.parse();
    assertThat(o.listingOnH2()).isTrue();
    assertThat(o.listingOnPostgres()).isFalse();
    assertThat(o.checkoutOnPostgres()).isTrue();
    assertThat(o.checkoutOnH2()).isTrue();
    assertThat(o.flashOnPostgres()).isTrue();
    assertThat(o.flashOnH2()).isTrue();
    assertThat(o.cartStorage()).isTrue();
    assertThat(o.duration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.largeCatalogue()).isEqualTo(1_000_000);
    assertThat(o.out()).isEqualTo(Path.of("docs", "benchmarks.md"));
    assertThat(o.jvm()).isEqualTo(Options.Jvm.LAUNCHER);
    assertThat(o.launcher()).isEqualTo(Path.of("bin", "store"));
    assertThat(o.originalPort()).isZero();
  }

  @Test
  void theOptionsOfEarlierRunsStillWork() throws Exception {
    Options quick = Options.parse("--quick", "--db", "both", "--pg", "127.0.0.1:5433");
    assertThat(quick.duration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(quick.warmup()).isEqualTo(Duration.ofSeconds(1));
    assertThat(quick.largeCatalogue()).isEqualTo(100_000);
    assertThat(quick.listingOnPostgres()).isTrue();
    assertThat(quick.pgHost()).isEqualTo("127.0.0.1");
    assertThat(quick.pgPort()).isEqualTo(5433);

    // A JVM option starts with a dash, as an option does: it is still the value.
    Options given =
        Options.parse(
            "--only", "checkout", "--jvm-option", "-Xmx256m", "--jvm-option", "-XX:+UseSerialGC");
    assertThat(given.jvmOptions()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
    assertThat(given.jvm()).isEqualTo(Options.Jvm.GIVEN);
    assertThat(given.listingOnH2()).isFalse();
    assertThat(given.flashOnPostgres()).isFalse();
    assertThat(given.checkoutOnPostgres()).isTrue();

    Options carts = Options.parse("--only", "carts");
    assertThat(carts.out()).isEqualTo(Path.of("docs", "cart-storage.md"));
    assertThat(carts.needsPostgres()).isTrue();
    assertThat(carts.checkoutOnH2()).isFalse();
    Options flash = Options.parse("--only", "flash", "--db", "h2", "--large", "200_000");
    assertThat(flash.flashOnH2()).isTrue();
    assertThat(flash.flashOnPostgres()).isFalse();
    assertThat(flash.needsPostgres()).isFalse();
    assertThat(flash.largeCatalogue()).isEqualTo(200_000);
    assertThat(Options.parse("--no-jvm-options").jvm()).isEqualTo(Options.Jvm.NONE);
    assertThat(Options.parse("--original", "5000").originalPort()).isEqualTo(5000);
  }

  @Test
  void wrongOptionsAreRefused() {
    for (String[] args :
        new String[][] {
          {"--only", "ping"},
          {"--db", "sqlite"},
          {"--duration"},
          {"--duration", "0"},
          {"--no-jvm-options", "--jvm-option", "-Xmx1g"},
          {"--large", "9999"},
          {"--frobnicate"}
        }) {
      assertThatThrownBy(() -> Options.parse(args)).isInstanceOf(ArgumentParserException.class);
    }
  }
}

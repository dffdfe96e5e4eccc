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
    assertThat(o.runs("listing", "h2")).isTrue();
    assertThat(o.runs("listing", "pg")).isFalse();
    assertThat(o.runs("checkout", "pg")).isTrue();
    assertThat(o.runs("checkout", "h2")).isTrue();
    assertThat(o.runs("flash", "pg")).isTrue();
    assertThat(o.runs("flash", "h2")).isTrue();
    assertThat(o.cartStorage()).isTrue();
    assertThat(o.duration).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.largeCatalogue).isEqualTo(1_000_000);
    assertThat(o.out).isEqualTo(Path.of("docs", "benchmarks.md"));
    assertThat(o.jvm).isEqualTo(Options.Jvm.LAUNCHER);
    assertThat(o.launcher).isEqualTo(Path.of("bin", "store"));
    assertThat(o.originalPort).isZero();
  }

  @Test
  void theOptionsOfEarlierRunsStillWork() throws Exception {
    Options quick = Options.parse("--quick", "--db", "both");
    assertThat(quick.duration).isEqualTo(Duration.ofSeconds(2));
    assertThat(quick.warmup).isEqualTo(Duration.ofSeconds(1));
    assertThat(quick.largeCatalogue).isEqualTo(100_000);
    assertThat(quick.runs("listing", "pg")).isTrue();

    // A JVM option starts with a dash, as an option does: it is still the value.
    Options given =
        Options.parse(
            "--only", "checkout", "--jvm-option", "-Xmx256m", "--jvm-option", "-XX:+UseSerialGC");
    assertThat(given.jvmOptions).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
    assertThat(given.jvm).isEqualTo(Options.Jvm.GIVEN);
    assertThat(given.runs("listing", "h2")).isFalse();
    assertThat(given.runs("flash", "pg")).isFalse();
    assertThat(given.runs("checkout", "pg")).isTrue();

    Options carts = Options.parse("--only", "carts");
    assertThat(carts.out).isEqualTo(Path.of("docs", "cart-storage.md"));
    assertThat(carts.needsPostgres()).isTrue();
    assertThat(carts.runs("checkout", "h2")).isFalse();
    Options flash = Options.parse("--only", "flash", "--db", "h2", "--large", "200_000");
    assertThat(flash.runs("flash", "h2")).isTrue();
    assertThat(flash.runs("flash", "pg")).isFalse();
    assertThat(flash.needsPostgres()).isFalse();
    assertThat(flash.largeCatalogue).isEqualTo(200_000);
    assertThat(Options.parse("--no-jvm-options").jvm).isEqualTo(Options.Jvm.NONE);
    assertThat(Options.parse("--original", "5000").originalPort).isEqualTo(5000);
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

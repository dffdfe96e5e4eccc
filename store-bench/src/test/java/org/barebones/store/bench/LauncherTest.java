package org.barebones.store.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherTest {

  @Test
  void parse_readsTheDefaultOptsLine() throws IOException {
    String script =
        "#!/usr/bin/env bash\n"
            + "# default_opts=\"-Xmx1g\" in a comment is not the line\n"
            + "default_opts=\"-Xms64m -Xmx256m  -XX:+ExitOnOutOfMemoryError\"\n"
            + "exec java ${STORE_JAVA_OPTS:-$default_opts} -jar \"$jar\" server\n";

    assertThat(Launcher.parse(script, "bin/store"))
        .containsExactly("-Xms64m", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
  }

  @Test
  void parse_refusesAMissingADuplicatedOrAnExpandedLine() {
    assertThatThrownBy(() -> Launcher.parse("exec java -jar x.jar\n", "s"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("default_opts");
    assertThatThrownBy(
            () -> Launcher.parse("default_opts=\"-Xmx1g\"\ndefault_opts=\"-Xmx2g\"\n", "s"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("more than one");
    assertThatThrownBy(() -> Launcher.parse("default_opts=\"$HEAP -Xss1m\"\n", "s"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void defaultJvmOptions_withoutALauncher_saysWhatToPass() {
    assertThatThrownBy(() -> Launcher.defaultJvmOptions(Path.of("no", "such", "store")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("--jvm-option");
  }

  /** The repository's own launcher: the line the benchmark reads must be there and readable. */
  @Test
  void theRepositorysLauncher_hasReadableDefaultOptions() throws IOException {
    Path script = Path.of("..", "bin", "store");
    assumeTrue(Files.isRegularFile(script), "bin/store is not in this checkout yet");

    List<String> options = Launcher.defaultJvmOptions(script);

    assertThat(options).isNotEmpty().allMatch(option -> option.startsWith("-"));
  }
}

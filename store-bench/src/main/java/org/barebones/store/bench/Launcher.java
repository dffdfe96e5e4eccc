package org.barebones.store.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options of {@code bin/store}'s {@code default_opts="..."} line: the README's run command
 * and the benchmark's server both start from it, so the measured command cannot drift.
 */
final class Launcher {
  static final Pattern DEFAULT_OPTS =
      Pattern.compile("(?m)^\\s*default_opts=\"([^\"$`\\\\]*)\"\\s*$");

  private Launcher() {}

  static List<String> defaultJvmOptions(Path script) throws IOException {
    if (!Files.isRegularFile(script)) {
      throw new IOException(
          "no launcher at "
              + script
              + " to read the server's JVM options from; pass --launcher FILE, --jvm-option"
              + " OPTION or --no-jvm-options");
    }
    return parse(Files.readString(script, StandardCharsets.UTF_8), script.toString());
  }

  static List<String> parse(String script, String name) throws IOException {
    Matcher matcher = DEFAULT_OPTS.matcher(script);
    if (!matcher.find()) {
      throw new IOException(
          name + " has no line default_opts=\"...\" (plain words, no expansions)");
    }
    String options = matcher.group(1).trim();
    if (matcher.find()) {
      throw new IOException(name + " has more than one default_opts=\"...\" line");
    }
    return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
  }
}

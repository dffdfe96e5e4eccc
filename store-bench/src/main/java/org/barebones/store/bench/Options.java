package org.barebones.store.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The benchmark's command line. */
record Options(
    String db,
    String only,
    Duration duration,
    Duration warmup,
    Duration sweepDuration,
    boolean quick,
    Path out,
    Path chart,
    boolean profile,
    Path jar,
    Path work,
    int catalogue,
    int smallCatalogue,
    int largeCatalogue,
    int[] sweep,
    String pgHost,
    int pgPort,
    String pgUser,
    String pgPassword,
    String pgSynchronousCommit,
    Path notes,
    List<String> jvmOptions,
    Jvm jvm,
    Path launcher,
    int originalPort,
    List<String> arguments) {

  /**
   * Where the server's JVM options come from: the launcher's defaults (read from {@code bin/store},
   * the README's run command), the {@code --jvm-option}s given, or none at all.
   */
  enum Jvm {
    LAUNCHER,
    GIVEN,
    NONE
  }

  static final String USAGE =
      """
      Usage: bench/run [options]
        --db h2|postgres|both|default  where to run (default: listing on H2, checkout on
                                      PostgreSQL and on H2)
        --only listing|checkout|carts run one suite only (default: all; carts = database
                                      bytes per empty and one-line cart, H2 and PostgreSQL)
        --duration SECONDS            per measurement (default 10)
        --warmup SECONDS              unmeasured lead-in per measurement (default 3)
        --quick                       smoke run: 2 s measurements, 100,000-product large catalogue
        --large N                     products in the large catalogue (default 1,000,000)
        --out FILE                    report (default docs/benchmarks.md, with --only carts
                                      docs/cart-storage.md; the chart goes beside it)
        --profile                     record JFR in the server around the listing, cart flow and
                                      checkout runs and add the hottest methods to the report; with
                                      BENCH_ASYNC_PROFILER=<libasyncProfiler.so> in the environment,
                                      async-profiler's collapsed stacks instead (*.jfr.collapsed)
        --jar FILE                    server jar (default store-app/target/store-app.jar)
        --work DIR                    scratch directory (default store-bench/target/bench)
        --pg HOST:PORT                use this PostgreSQL (user --pg-user, --pg-password) instead
                                      of an embedded one; the benchmark creates its own databases
        --pg-synchronous-commit on|off  for the embedded PostgreSQL (default on, PostgreSQL's own
                                      default; zonky's default is off); fsync is always on
        --notes FILE                  hand-written notes to include (default docs/benchmark-notes.md)
        --jvm-option OPTION           pass OPTION to the server's JVM (repeatable), e.g. -Xmx256m,
                                      instead of the launcher's; the report names the options, and
                                      target 4b (for the launcher's) is reported but not judged
        --no-jvm-options              the server with the JVM's default settings
        --original PORT               the original API (../shared/seed_peer, on a fresh SEED_DB)
                                      listening on 127.0.0.1:PORT: its listing of 200 products is
                                      measured in this run with the same clients (target 5)
        --launcher FILE               the launcher whose default JVM options the server gets
                                      (default bin/store: its default_opts="..." line)
      """;

  static Options parse(String... args) {
    String db = "default";
    String only = "both";
    Double duration = null;
    Double warmup = null;
    boolean quick = false;
    Path out = null;
    boolean profile = false;
    Path jar = Path.of("store-app", "target", "store-app.jar");
    Path work = Path.of("store-bench", "target", "bench");
    Integer large = null;
    String pgHost = null;
    int pgPort = 5432;
    String pgUser = "postgres";
    String pgPassword = "";
    String sync = "on";
    Path notes = Path.of("docs", "benchmark-notes.md");
    List<String> jvmOptions = new ArrayList<>();
    boolean noJvmOptions = false;
    Path launcher = Path.of("bin", "store");
    int originalPort = 0;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--db" -> db = value(args, ++i, arg).toLowerCase(Locale.ROOT);
        case "--only" -> only = value(args, ++i, arg).toLowerCase(Locale.ROOT);
        case "--duration" -> duration = Double.parseDouble(value(args, ++i, arg));
        case "--warmup" -> warmup = Double.parseDouble(value(args, ++i, arg));
        case "--quick" -> quick = true;
        case "--large" -> large = Integer.parseInt(value(args, ++i, arg).replace("_", ""));
        case "--out" -> out = Path.of(value(args, ++i, arg));
        case "--profile" -> profile = true;
        case "--jar" -> jar = Path.of(value(args, ++i, arg));
        case "--work" -> work = Path.of(value(args, ++i, arg));
        case "--pg" -> {
          String hostPort = value(args, ++i, arg);
          int colon = hostPort.lastIndexOf(':');
          pgHost = colon < 0 ? hostPort : hostPort.substring(0, colon);
          pgPort = colon < 0 ? 5432 : Integer.parseInt(hostPort.substring(colon + 1));
        }
        case "--pg-user" -> pgUser = value(args, ++i, arg);
        case "--pg-password" -> pgPassword = value(args, ++i, arg);
        case "--pg-synchronous-commit" -> sync = value(args, ++i, arg);
        case "--notes" -> notes = Path.of(value(args, ++i, arg));
        case "--jvm-option" -> jvmOptions.add(value(args, ++i, arg));
        case "--no-jvm-options" -> noJvmOptions = true;
        case "--launcher" -> launcher = Path.of(value(args, ++i, arg));
        case "--original" -> originalPort = Integer.parseInt(value(args, ++i, arg));
        case "--help", "-h" -> throw new IllegalArgumentException("");
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    if (!List.of("h2", "postgres", "both", "default").contains(db)) {
      throw new IllegalArgumentException("--db must be h2, postgres, both or default");
    }
    if (out == null) {
      // The storage figures alone must not replace the full report.
      out = Path.of("docs", only.equals("carts") ? "cart-storage.md" : "benchmarks.md");
    }
    if (!List.of("listing", "checkout", "carts", "both").contains(only)) {
      throw new IllegalArgumentException("--only must be listing, checkout or carts");
    }
    if (!List.of("on", "off", "local", "remote_write", "remote_apply").contains(sync)) {
      throw new IllegalArgumentException("--pg-synchronous-commit must be on or off");
    }
    double d = duration != null ? duration : quick ? 2 : 10;
    double w = warmup != null ? warmup : quick ? 1 : 3;
    if (d <= 0 || w < 0) {
      throw new IllegalArgumentException("--duration must be positive, --warmup not negative");
    }
    if (noJvmOptions && !jvmOptions.isEmpty()) {
      throw new IllegalArgumentException("--no-jvm-options and --jvm-option exclude each other");
    }
    Jvm jvm = noJvmOptions ? Jvm.NONE : jvmOptions.isEmpty() ? Jvm.LAUNCHER : Jvm.GIVEN;
    int largeCatalogue = large != null ? large : quick ? 100_000 : 1_000_000;
    if (largeCatalogue < 10_000) {
      throw new IllegalArgumentException("--large must be at least 10,000");
    }
    Path chart = out.resolveSibling("throughput.svg");
    return new Options(
        db,
        only,
        seconds(d),
        seconds(w),
        seconds(Math.max(1, d / 2)),
        quick,
        out,
        chart,
        profile,
        jar,
        work,
        10_000,
        1_000,
        largeCatalogue,
        new int[] {1, 2, 4, 8, 16, 32, 64},
        pgHost,
        pgPort,
        pgUser,
        pgPassword,
        sync,
        notes,
        List.copyOf(jvmOptions),
        jvm,
        launcher,
        originalPort,
        new ArrayList<>(Arrays.asList(args)));
  }

  /**
   * These options with the launcher's JVM options read, when they are the ones to use: the
   * benchmark's server then starts as {@code bin/store} starts it, from the same line.
   */
  Options withLauncherOptions() throws IOException {
    if (jvm != Jvm.LAUNCHER) {
      return this;
    }
    return new Options(
        db,
        only,
        duration,
        warmup,
        sweepDuration,
        quick,
        out,
        chart,
        profile,
        jar,
        work,
        catalogue,
        smallCatalogue,
        largeCatalogue,
        sweep,
        pgHost,
        pgPort,
        pgUser,
        pgPassword,
        pgSynchronousCommit,
        notes,
        Launcher.defaultJvmOptions(launcher),
        jvm,
        launcher,
        originalPort,
        arguments);
  }

  /** Whether the listing measurements run on H2 / on PostgreSQL. */
  boolean listingOnH2() {
    return !only.equals("checkout")
        && !only.equals("carts")
        && (db.equals("h2") || db.equals("both") || db.equals("default"));
  }

  boolean listingOnPostgres() {
    return !only.equals("checkout")
        && !only.equals("carts")
        && (db.equals("postgres") || db.equals("both"));
  }

  /** Whether the checkout measurements run on H2 / on PostgreSQL. */
  boolean checkoutOnH2() {
    return !only.equals("listing")
        && !only.equals("carts")
        && (db.equals("h2") || db.equals("both") || db.equals("default"));
  }

  boolean checkoutOnPostgres() {
    return !only.equals("listing")
        && !only.equals("carts")
        && (db.equals("postgres") || db.equals("both") || db.equals("default"));
  }

  /** Whether database bytes per cart are measured (on H2 and PostgreSQL). */
  boolean cartStorage() {
    return only.equals("carts") || only.equals("both");
  }

  boolean needsPostgres() {
    return listingOnPostgres() || checkoutOnPostgres() || cartStorage();
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}

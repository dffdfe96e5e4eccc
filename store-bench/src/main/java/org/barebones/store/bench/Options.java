package org.barebones.store.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;

/** The benchmark's command line, parsed by argparse4j (Dropwizard's own parser). */
record Options(
    String db,
    String only,
    Duration duration,
    Duration warmup,
    Duration sweepDuration,
    boolean quick,
    Path out,
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

  /** Where the server's JVM options come from: bin/store's line, --jvm-option, or none. */
  enum Jvm {
    LAUNCHER,
    GIVEN,
    NONE
  }

  /** Options whose value may start with a dash (a JVM option): joined to them with '='. */
  private static final List<String> DASHED_VALUES = List.of("--jvm-option");

  static ArgumentParser parser() {
    ArgumentParser p =
        ArgumentParsers.newFor("bench/run")
            .build()
            .defaultHelp(true)
            .description("Measures the server and prints a Markdown report (docs/benchmarks.md).");
    p.addArgument("--db")
        .choices("h2", "postgres", "both", "default")
        .setDefault("default")
        .help("default: listing on H2, checkout and flash sale on PostgreSQL and H2");
    p.addArgument("--only")
        .choices("listing", "checkout", "carts", "flash", "both")
        .setDefault("both")
        .help("one suite only (carts: bytes per cart; flash: the flash sale)");
    p.addArgument("--duration").type(Double.class).help("seconds per measurement (10; quick 2)");
    p.addArgument("--warmup")
        .type(Double.class)
        .help("unmeasured seconds before each (3; quick 1)");
    p.addArgument("--quick")
        .action(Arguments.storeTrue())
        .help("smoke run: 2 s measurements, 100,000-product large catalogue");
    p.addArgument("--large").help("products in the large catalogue (1,000,000)");
    p.addArgument("--out").help("report (docs/benchmarks.md; --only carts: docs/cart-storage.md)");
    p.addArgument("--profile")
        .action(Arguments.storeTrue())
        .help("record JFR (or async-profiler, BENCH_ASYNC_PROFILER=lib) in extra runs");
    p.addArgument("--jar").setDefault("store-app/target/store-app.jar").help("server jar");
    p.addArgument("--work").setDefault("store-bench/target/bench").help("scratch directory");
    p.addArgument("--pg").metavar("HOST:PORT").help("this PostgreSQL instead of an embedded one");
    p.addArgument("--pg-user").setDefault("postgres");
    p.addArgument("--pg-password").setDefault("");
    p.addArgument("--pg-synchronous-commit")
        .choices("on", "off", "local", "remote_write", "remote_apply")
        .setDefault("on")
        .help("for the embedded PostgreSQL (fsync is always on)");
    p.addArgument("--notes").setDefault("docs/benchmark-notes.md").help("hand-written notes");
    p.addArgument("--jvm-option")
        .action(Arguments.append())
        .metavar("OPTION")
        .help("pass OPTION to the server's JVM (repeatable) instead of the launcher's");
    p.addArgument("--no-jvm-options")
        .action(Arguments.storeTrue())
        .help("the server with the JVM's default settings");
    p.addArgument("--original")
        .type(Integer.class)
        .setDefault(0)
        .metavar("PORT")
        .help("the original API on 127.0.0.1:PORT, measured in this run (target 5)");
    p.addArgument("--launcher")
        .setDefault("bin/store")
        .help("the launcher whose default_opts=\"...\" line gives the server's JVM options");
    return p;
  }

  /** Parses {@code args}; an {@link ArgumentParserException} says what is wrong (or is --help). */
  static Options parse(String... args) throws ArgumentParserException {
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      boolean dashed = DASHED_VALUES.contains(args[i]) && i + 1 < args.length;
      joined.add(dashed ? args[i] + "=" + args[++i] : args[i]);
    }
    ArgumentParser parser = parser();
    Namespace ns = parser.parseArgs(joined.toArray(String[]::new));
    boolean quick = ns.getBoolean("quick");
    String only = ns.getString("only");
    double d = ns.get("duration") != null ? ns.getDouble("duration") : quick ? 2 : 10;
    double w = ns.get("warmup") != null ? ns.getDouble("warmup") : quick ? 1 : 3;
    List<String> jvmOptions =
        ns.getList("jvm_option") == null ? List.of() : ns.getList("jvm_option");
    boolean none = ns.getBoolean("no_jvm_options");
    String large = ns.getString("large");
    int largeCatalogue =
        large != null
            ? Integer.parseInt(large.replace("_", "").replace(",", ""))
            : quick ? 100_000 : 1_000_000;
    String pg = ns.getString("pg");
    int colon = pg == null ? -1 : pg.lastIndexOf(':');
    if (d <= 0 || w < 0) {
      throw new ArgumentParserException(
          "--duration must be positive, --warmup not negative", parser);
    }
    if (none && !jvmOptions.isEmpty()) {
      throw new ArgumentParserException(
          "--no-jvm-options and --jvm-option exclude each other", parser);
    }
    if (largeCatalogue < 10_000) {
      throw new ArgumentParserException("--large must be at least 10,000", parser);
    }
    String out =
        ns.getString("out") != null
            ? ns.getString("out")
            // The storage figures alone must not replace the full report.
            : only.equals("carts") ? "docs/cart-storage.md" : "docs/benchmarks.md";
    return new Options(
        ns.getString("db").toLowerCase(Locale.ROOT),
        only,
        seconds(d),
        seconds(w),
        seconds(Math.max(1, d / 2)),
        quick,
        Path.of(out),
        ns.getBoolean("profile"),
        Path.of(ns.getString("jar")),
        Path.of(ns.getString("work")),
        10_000,
        1_000,
        largeCatalogue,
        new int[] {1, 2, 4, 8, 16, 32, 64},
        pg == null ? null : colon < 0 ? pg : pg.substring(0, colon),
        colon < 0 ? 5432 : Integer.parseInt(pg.substring(colon + 1)),
        ns.getString("pg_user"),
        ns.getString("pg_password"),
        ns.getString("pg_synchronous_commit"),
        Path.of(ns.getString("notes")),
        List.copyOf(jvmOptions),
        none ? Jvm.NONE : jvmOptions.isEmpty() ? Jvm.LAUNCHER : Jvm.GIVEN,
        Path.of(ns.getString("launcher")),
        ns.getInt("original"),
        List.of(args));
  }

  /** These options with the launcher's JVM options read, when they are the ones to use. */
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

  private boolean runs(String suite, String database) {
    boolean suiteRuns = only.equals(suite) || only.equals("both");
    boolean onH2 = db.equals("h2") || db.equals("both") || db.equals("default");
    boolean onPg =
        db.equals("postgres")
            || db.equals("both")
            || (db.equals("default") && !suite.equals("listing"));
    return suiteRuns && (database.equals("h2") ? onH2 : onPg);
  }

  boolean listingOnH2() {
    return runs("listing", "h2");
  }

  boolean listingOnPostgres() {
    return runs("listing", "pg");
  }

  boolean checkoutOnH2() {
    return runs("checkout", "h2");
  }

  boolean checkoutOnPostgres() {
    return runs("checkout", "pg");
  }

  boolean flashOnH2() {
    return runs("flash", "h2");
  }

  boolean flashOnPostgres() {
    return runs("flash", "pg");
  }

  /** Whether database bytes per cart are measured (on H2 and PostgreSQL). */
  boolean cartStorage() {
    return only.equals("carts") || only.equals("both");
  }

  boolean needsPostgres() {
    return listingOnPostgres() || checkoutOnPostgres() || flashOnPostgres() || cartStorage();
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }
}

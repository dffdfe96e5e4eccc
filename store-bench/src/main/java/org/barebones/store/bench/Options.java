package org.barebones.store.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.MutuallyExclusiveGroup;
import net.sourceforge.argparse4j.inf.Namespace;

/** The benchmark's command line, parsed by argparse4j (Dropwizard's own parser). */
final class Options {

  /** Where the server's JVM options come from: bin/store's line, --jvm-option, or none. */
  enum Jvm {
    LAUNCHER,
    GIVEN,
    NONE
  }

  /** The listing suite's catalogue, the first part of it measured alone, the sweep's points. */
  final int catalogue = 10_000;

  final int smallCatalogue = 1_000;
  final int[] sweep = {1, 2, 4, 8, 16, 32, 64};

  String db;
  String only;
  boolean quick;
  boolean profile;
  int originalPort;
  Duration duration;
  Duration warmup;
  Duration sweepDuration;
  int largeCatalogue;
  Path out;
  Path jar;
  Path work;
  Path notes;
  Path launcher;
  Jvm jvm;

  /** The server's JVM options; with {@link Jvm#LAUNCHER}, read from the launcher by the caller. */
  List<String> jvmOptions;

  List<String> arguments;

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
    p.addArgument("--duration")
        .type(Double.class)
        .choices(Arguments.range(0.001, 3600.0))
        .help("seconds per measurement (10; quick 2)");
    p.addArgument("--warmup")
        .type(Double.class)
        .choices(Arguments.range(0.0, 3600.0))
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
    p.addArgument("--notes").setDefault("docs/benchmark-notes.md").help("hand-written notes");
    MutuallyExclusiveGroup jvm = p.addMutuallyExclusiveGroup();
    jvm.addArgument("--jvm-option")
        .action(Arguments.append())
        .metavar("OPTION")
        .help("pass OPTION to the server's JVM (repeatable) instead of the launcher's");
    jvm.addArgument("--no-jvm-options")
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
    // A JVM option starts with a dash, as an option does: joined to its flag with '='.
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      boolean dashed = args[i].equals("--jvm-option") && i + 1 < args.length;
      joined.add(dashed ? args[i] + "=" + args[++i] : args[i]);
    }
    ArgumentParser parser = parser();
    Namespace ns = parser.parseArgs(joined.toArray(String[]::new));
    Options o = new Options();
    o.db = ns.getString("db");
    o.only = ns.getString("only");
    o.quick = ns.getBoolean("quick");
    o.profile = ns.getBoolean("profile");
    o.originalPort = ns.getInt("original");
    Double d = ns.getDouble("duration");
    Double w = ns.getDouble("warmup");
    o.duration = seconds(d != null ? d : o.quick ? 2 : 10);
    o.warmup = seconds(w != null ? w : o.quick ? 1 : 3);
    o.sweepDuration = seconds(Math.max(1, o.duration.toMillis() / 2000.0));
    String large = ns.getString("large");
    o.largeCatalogue =
        large != null
            ? Integer.parseInt(large.replace("_", "").replace(",", ""))
            : o.quick ? 100_000 : 1_000_000;
    o.jvmOptions = ns.getList("jvm_option") == null ? List.of() : ns.getList("jvm_option");
    boolean none = ns.getBoolean("no_jvm_options");
    o.jvm = none ? Jvm.NONE : o.jvmOptions.isEmpty() ? Jvm.LAUNCHER : Jvm.GIVEN;
    if (o.largeCatalogue < 10_000) {
      throw new ArgumentParserException("--large must be at least 10,000", parser);
    }
    // The storage figures alone must not replace the full report.
    String out = o.only.equals("carts") ? "docs/cart-storage.md" : "docs/benchmarks.md";
    o.out = Path.of(ns.get("out") != null ? ns.getString("out") : out);
    o.jar = Path.of(ns.getString("jar"));
    o.work = Path.of(ns.getString("work"));
    o.notes = Path.of(ns.getString("notes"));
    o.launcher = Path.of(ns.getString("launcher"));
    o.arguments = List.of(args);
    return o;
  }

  /** Whether {@code suite} runs on {@code database} ("h2" or "pg"). */
  boolean runs(String suite, String database) {
    boolean suiteRuns = only.equals(suite) || only.equals("both");
    boolean onH2 = db.equals("h2") || db.equals("both") || db.equals("default");
    boolean onPg =
        db.equals("postgres")
            || db.equals("both")
            || (db.equals("default") && !suite.equals("listing"));
    return suiteRuns && (database.equals("h2") ? onH2 : onPg);
  }

  boolean cartStorage() {
    return only.equals("carts") || only.equals("both");
  }

  boolean needsPostgres() {
    return runs("listing", "pg") || runs("checkout", "pg") || runs("flash", "pg") || cartStorage();
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }
}

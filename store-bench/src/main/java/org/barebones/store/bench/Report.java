package org.barebones.store.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The report: the text of {@code report/*.md} with the figures filled in where it names them. */
record Report(
    Options options,
    Instant started,
    Duration took,
    long jarBytes,
    String postgres,
    List<Figures.Listing> listings,
    List<Figures.Checkout> checkouts,
    List<Figures.FlashSale> sales,
    List<Figures.Storage> storage,
    List<Postgres.PgBench> pgbench,
    String pgbenchMissing,
    String load,
    String notes) {

  /**
   * The original API's listing (the middle of 550-670 req/s, measured beside this one on
   * 2026-12-01) and checkouts per second, for runs without {@code --original}.
   */
  static final double ORIGINAL_LIST200_PER_SECOND = 610;

  static final double ORIGINAL_CHECKOUTS_PER_SECOND = 140;

  /** The targets of the issues, by name ({@code target.name} in the text). */
  static final Map<String, Double> TARGET =
      Map.ofEntries(
          Map.entry("list", 0.4),
          Map.entry("checkout", 0.7),
          Map.entry("root", 0.6),
          Map.entry("listCpu", 100.0),
          Map.entry("checkoutCpu", 350.0),
          Map.entry("flatness", 1.5),
          Map.entry("cart", 3.0),
          Map.entry("startup", 3.0),
          Map.entry("rss", 400.0),
          Map.entry("notModified", 0.4),
          Map.entry("search", 2.0),
          Map.entry("flash", 0.9),
          Map.entry("flashP99", 2.0),
          Map.entry("addToCart", 2.0),
          Map.entry("timesFaster", 10.0));

  /** One line of the summary; {@code met} null when only shown. */
  record Target(String id, String what, String measured, String target, Boolean met) {
    String verdict() {
      return met == null ? "–" : met ? "met" : "**not met**";
    }
  }

  /** Those of {@code report/targets.txt}, then the few that are not a ratio. */
  List<Target> targets() {
    Map<String, List<?>> scopes = new HashMap<>();
    scopes.put("l", listings.stream().limit(1).toList());
    scopes.put("L", listings);
    scopes.put(
        "c", checkouts.stream().filter(c -> c.r().get("inProcess16") != null).limit(1).toList());
    scopes.put("C", checkouts);
    scopes.put("P", sales.stream().filter(s -> s.database().equals(Benchmark.POSTGRES)).toList());
    scopes.put("H", sales.stream().filter(s -> !s.database().equals(Benchmark.POSTGRES)).toList());
    List<Target> t = new ArrayList<>();
    for (String line : template("targets.txt").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(" \\| ");
      for (Object figures : scopes.get(f[0])) {
        Map<String, Object> v = values();
        v.put(Map.of("L", "l", "C", "c", "P", "s", "H", "s").getOrDefault(f[0], f[0]), figures);
        t.add(target(f, v));
      }
    }
    for (Figures.Listing l : listings.subList(0, Math.min(1, listings.size()))) {
      double rss = l.n().get("maxRss");
      double maxRss = TARGET.get("rss");
      String what =
          f(
              "resident memory under the listing load (max VmRSS; JVM options from %s: `%s`)",
              options.jvm, String.join(" ", options.jvmOptions));
      Boolean met = options.jvm == Options.Jvm.LAUNCHER ? rss > 0 && rss < maxRss : null;
      String target = "< " + num(maxRss) + " MiB (the launcher's JVM options)";
      t.add(new Target("4b", what, f("**%.0f MiB**", rss), target, met));
      String jar = f("**%.1f MiB**", jarBytes / 1048576.0);
      t.add(new Target("4c", "the server jar's size", jar, "(reported)", null));
      Double flow = l.r().get("cartFlow").serverCpu();
      what =
          "server CPU per request of the cart flow (create, put a line, view, delete; 16"
              + " connections)";
      String perVisit =
          flow == null ? "–" : f("**%,.0f µs** per request, %,.0f per visit", flow, 4 * flow);
      t.add(new Target("8", what, perVisit, "(reported)", null));
      Load.Result original = l.r().get("original");
      boolean sameRun = original != null && original.perSecond() > 0;
      double base = sameRun ? original.perSecond() : ORIGINAL_LIST200_PER_SECOND;
      double goal = base * TARGET.get("timesFaster");
      double list200 = l.r().get("list200").perSecond();
      what =
          "listing 200 products, 16 connections, against the original's "
              + rate(base)
              + (sameRun
                  ? " req/s measured in this run (same clients)"
                  : " req/s (remembered from another day, not this run: see --original)");
      String measured = f("**%s req/s** (%.1f×)", rate(list200), list200 / base);
      t.add(new Target("5", what, measured, "≥ " + rate(goal) + " req/s (10×)", list200 >= goal));
    }
    for (Figures.Checkout c : checkouts) {
      double goal = ORIGINAL_CHECKOUTS_PER_SECOND * TARGET.get("timesFaster");
      boolean exact = c.exactness().exact() && c.probe().exact();
      double rate8 = c.r().get("http8").perSecond();
      String what =
          f(
              "checkouts/s at 8 clients against the original's ~%.0f/s (remembered, not this"
                  + " run), and exact (%s)",
              ORIGINAL_CHECKOUTS_PER_SECOND, c.database());
      String measured =
          f(
              "**%s/s** (%.1f×), 16 clients %s/s; %s",
              rate(rate8),
              rate8 / ORIGINAL_CHECKOUTS_PER_SECOND,
              rate(c.r().get("http16").perSecond()),
              exact ? "exact" : "**NOT exact**");
      String target = "≥ " + rate(goal) + "/s (10×), exact";
      t.add(new Target("6", what, measured, target, rate8 >= goal && exact));
    }
    for (Figures.FlashSale s : sales) {
      Figures.Probe e = s.exactness();
      String what =
          f(
              "flash sale, demand %.1f× the stock, 64 connections (%s)",
              (double) e.carts() / e.stock(), s.label());
      String measured =
          f(
              "%,d sold of %,d, %,d left, %,d refused, %d other",
              e.succeeded(), e.stock(), e.stockLeft(), e.refused(), e.other());
      t.add(new Target("12d", what, measured, "the stock sold, 0 left, the rest 409", e.exact()));
    }
    return t;
  }

  /** One line of {@code targets.txt} evaluated on {@code v}. */
  private static Target target(String[] f, Map<String, Object> v) {
    Object a = eval(f[3], v);
    Object b = f[4].equals("-") ? null : eval(f[4], v);
    boolean alone = f[4].equals("-");
    boolean atMost = f[6].startsWith("<=");
    double goal = TARGET.get(f[7]);
    String target = (atMost ? "≤ " : "≥ ") + num(goal) + (alone ? " " + f[5] : "");
    double x = a == null ? Double.NaN : ((Number) a).doubleValue();
    double y = alone ? 1 : b == null ? Double.NaN : ((Number) b).doubleValue();
    double r = x / y;
    if (Double.isNaN(r)) {
      return new Target(f[1], fill(f[2], v), "–", target, null);
    }
    String shown =
        alone
            ? f("**%s %s**", unit(f[5], x), f[5])
            : f("%s / %s %s = **%.2f**", unit(f[5], x), unit(f[5], y), f[5], r);
    // A test ending in "-" is shown, not judged (a target of another database).
    Boolean met = f[6].endsWith("-") ? null : atMost ? r <= goal : r >= goal;
    return new Target(f[1], fill(f[2], v), shown, target, met);
  }

  private static String unit(String unit, double value) {
    return unit.equals("ms") ? ms(value) : unit.equals("s") ? f("%.2f", value) : f("%,.0f", value);
  }

  String markdown() {
    if (options.only.equals("carts")) {
      return "# Storage per cart\n\n"
          + fill(template("storage"), values()).replaceFirst("## .*\n\n", "");
    }
    List<Target> targets = targets();
    List<String> missed =
        targets.stream().filter(x -> Boolean.FALSE.equals(x.met())).map(Target::id).toList();
    Map<String, Object> v = values();
    v.put("arguments", String.join(" ", options.arguments));
    v.put("date", started.atZone(ZoneOffset.UTC).toLocalDate());
    v.put("commit", gitDescribe());
    v.put("took", took.toMinutes() + " min " + took.toSecondsPart() + " s");
    v.put("targets", targets);
    v.put("missed", missed.isEmpty() ? "none" : String.join(", ", missed));
    v.put("cores", Runtime.getRuntime().availableProcessors());
    v.put(
        "cpu",
        firstLine("/proc/cpuinfo", "model name", x -> x.substring(x.indexOf(':') + 1).trim()));
    v.put("memory", firstLine("/proc/meminfo", "MemTotal:", x -> x.replaceAll("[^0-9]", "")));
    v.put("load", load);
    v.put(
        "nice",
        firstLine("/proc/self/stat", "", x -> x.substring(x.lastIndexOf(')') + 2).split(" ")[16]));
    v.put(
        "jdk",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    v.put("jvmOptions", String.join(" ", options.jvmOptions));
    v.put("postgres", postgres == null ? "not used" : postgres);
    StringBuilder md = new StringBuilder(fill(template("head"), v));
    for (Figures.Listing l : listings) {
      v.put("l", l);
      v.put("rare", Benchmark.rareProducts(options.smallCatalogue));
      v.put("jar", jarBytes);
      md.append(fill(template("listing"), v));
    }
    for (Figures.Checkout c : checkouts) {
      v.put("c", c);
      md.append(fill(template("checkout"), v))
          .append(
              c.r().get("inProcess16") == null
                  ? template("no-ceiling")
                  : fill(template("ceiling"), v));
    }
    if (!sales.isEmpty()) {
      v.put("sales", sales);
      v.put("runs", sales.stream().flatMap(s -> s.runs().stream()).toList());
      v.put(
          "adds",
          sales.stream()
              .flatMap(s -> Stream.of(s.addToCartIdle(), s.addToCartDuringSale()))
              .toList());
      v.put("addRate", Benchmark.ADD_TO_CART_RATE);
      v.put("pgbench", pgbench);
      v.put(
          "pgbenchMissing",
          pgbenchMissing != null
              ? "**Missing**: " + pgbenchMissing + "."
              : pgbench.isEmpty() ? "Not run: no flash sale on PostgreSQL in this run." : "");
      md.append(fill(template("flash"), v));
    }
    if (!storage.isEmpty()) {
      md.append(fill(template("storage"), v));
    }
    List<Path> recordings = new ArrayList<>();
    listings.forEach(l -> recordings.addAll(l.recordings()));
    checkouts.forEach(c -> recordings.addAll(c.recordings()));
    if (!recordings.isEmpty()) {
      v.put("recordings", recordings);
      md.append(fill(template("profiles"), v));
    }
    md.append("## Profiles and changes\n\n")
        .append(notes != null ? notes.strip() : "(no notes file: `" + options.notes + "`)")
        .append('\n');
    return md.toString();
  }

  private Map<String, Object> values() {
    Map<String, Object> v = new HashMap<>();
    v.put("o", options);
    v.put("target", TARGET);
    v.put("storage", storage);
    v.put("carts", Figures.Storage.CARTS);
    return v;
  }

  private static final Pattern EACH = Pattern.compile("@each (\\S+) as (\\w+) (.*)");

  private static final Pattern SLOT = Pattern.compile("\\{\\{([^}|]+)(?:\\|([^}]+))?}}");

  /**
   * {@code text} with each {@code {{path}}} or {@code {{path|format}}} replaced: the path names a
   * value (a key of {@code values}, then a key of a map or a method of an object in turn, e.g.
   * {@code l.r.list100.perSecond}), or divides two such ({@code a / b}); the format is a {@link
   * String#format} pattern or one of {@code ms}, {@code rate}, {@code secs}. A path that names
   * nothing fails. A line {@code @each PATH as NAME TEXT} repeats TEXT for each item of a list; a
   * line {@code @results PATH...} is a table of the measurements named (a list, one, or null).
   */
  static String fill(String text, Map<String, ?> values) {
    StringBuilder lines = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("@results ")) {
        String[] table = template("results").split("\n");
        lines.append(table[0]).append('\n').append(table[1]).append('\n');
        Map<String, Object> scope = new HashMap<>(values);
        for (String path : line.substring(9).trim().split(" +")) {
          Object value = eval(path, values);
          for (Object r :
              value instanceof List<?> list ? list : Stream.ofNullable(value).toList()) {
            scope.put("r", r);
            lines.append(fill(table[2], scope)).append('\n');
          }
        }
        continue;
      }
      Matcher each = EACH.matcher(line);
      if (!each.matches()) {
        lines.append(line).append('\n');
        continue;
      }
      Map<String, Object> scope = new HashMap<>(values);
      for (Object item : (List<?>) eval(each.group(1), values)) {
        scope.put(each.group(2), item);
        lines.append(fill(each.group(3), scope)).append('\n');
      }
    }
    text = lines.substring(0, lines.length() - 1);
    Matcher m = SLOT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object value = eval(m.group(1).trim(), values);
      String format = m.group(2);
      String shown =
          value == null || (value instanceof Double d && d.isNaN())
              ? "–"
              : format == null
                  ? value instanceof Double d ? num(d) : String.valueOf(value)
                  : switch (format) {
                    case "ms" -> ms(((Number) value).doubleValue());
                    case "rate" -> rate(((Number) value).doubleValue());
                    case "secs" -> num(((Duration) value).toMillis() / 1000.0) + " s";
                    default -> f(format, value);
                  };
      m.appendReplacement(out, Matcher.quoteReplacement(shown));
    }
    return m.appendTail(out).toString();
  }

  private static Object eval(String path, Map<String, ?> values) {
    int slash = path.indexOf(" / ");
    if (slash >= 0) {
      return ((Number) eval(path.substring(0, slash).trim(), values)).doubleValue()
          / ((Number) eval(path.substring(slash + 3).trim(), values)).doubleValue();
    }
    Object value = values;
    for (String name : path.split("\\.")) {
      try {
        if (value == null) {
          return null;
        } else if (value instanceof List<?> list && name.matches("[0-9]+")) {
          value = list.get(Integer.parseInt(name));
        } else if (value instanceof Map<?, ?> map) {
          if (!map.containsKey(name)) {
            throw new IllegalStateException("nothing named " + name + " in {{" + path + "}}");
          }
          value = map.get(name);
        } else if (value instanceof Record) {
          Method method = value.getClass().getDeclaredMethod(name);
          method.setAccessible(true);
          value = method.invoke(value);
        } else {
          value = value.getClass().getDeclaredField(name).get(value);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("nothing named " + name + " in {{" + path + "}}", e);
      }
    }
    return value;
  }

  static String template(String name) {
    try (InputStream in =
        Report.class.getResourceAsStream("report/" + (name.contains(".") ? name : name + ".md"))) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  static String rate(double perSecond) {
    return f("%,.0f", perSecond);
  }

  static String ms(double millis) {
    return Double.isNaN(millis) ? "–" : millis < 10 ? f("%.2f", millis) : f("%.1f", millis);
  }

  private static String num(double v) {
    return v == Math.rint(v) ? f("%.0f", v) : Double.toString(v);
  }

  static String loadAverage() {
    return firstLine("/proc/loadavg", "", s -> s.split(" ")[0]);
  }

  /** The first line of {@code file} starting with {@code prefix}, mapped; "unknown" if none. */
  private static String firstLine(
      String file, String prefix, java.util.function.Function<String, String> map) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(prefix)) {
          return map.apply(line);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "unknown";
  }

  private static String gitDescribe() {
    try {
      return "commit "
          + ServerProcess.output(new ProcessBuilder("git", "describe", "--always", "--dirty"))
              .trim();
    } catch (IOException | InterruptedException e) {
      return "commit unknown";
    }
  }
}

package org.barebones.store.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hottest methods of a JFR recording, from its {@code jdk.ExecutionSample} events (threads
 * running Java code, sampled): "self" counts the samples whose top frame is the method, "total" the
 * samples with the method anywhere on the stack. Also self samples by component (the library or the
 * store module a method belongs to), which says where the time goes at a glance.
 */
record JfrSummary(
    String name,
    long samples,
    List<Count> self,
    List<Count> total,
    List<Count> components,
    List<Count> storeTotal) {

  /** A method or component and its share of samples. */
  record Count(String what, long samples, double percent) {}

  /** Components by package prefix, first match wins. */
  static final List<Map.Entry<String, String>> COMPONENTS =
      List.of(
          Map.entry("org.barebones.store.domain.", "store-domain"),
          Map.entry("org.barebones.store.persistence.", "store-persistence"),
          Map.entry("org.barebones.store.http.", "store-http"),
          Map.entry("org.barebones.store.app.", "store-app"),
          Map.entry("com.fasterxml.jackson.", "Jackson"),
          Map.entry("org.eclipse.jetty.", "Jetty"),
          Map.entry("org.glassfish.jersey.", "Jersey"),
          Map.entry("org.glassfish.hk2.", "HK2"),
          Map.entry("org.jvnet.hk2.", "HK2"),
          Map.entry("org.h2.", "H2"),
          Map.entry("org.postgresql.", "PostgreSQL JDBC"),
          Map.entry("org.jdbi.", "JDBI"),
          Map.entry("org.apache.tomcat.jdbc.", "Tomcat JDBC pool"),
          Map.entry("io.jsonwebtoken.", "jjwt"),
          Map.entry("io.dropwizard.", "Dropwizard"),
          Map.entry("com.codahale.metrics.", "Metrics"),
          Map.entry("io.dropwizard.metrics.", "Metrics"),
          Map.entry("ch.qos.logback.", "Logback"),
          Map.entry("org.slf4j.", "Logback"),
          Map.entry("org.hibernate.validator.", "Hibernate Validator"),
          Map.entry("jakarta.", "Jakarta APIs"),
          Map.entry("sun.nio.", "JDK I/O"),
          Map.entry("java.nio.", "JDK I/O"),
          Map.entry("sun.security.", "JDK crypto"),
          Map.entry("com.sun.crypto.", "JDK crypto"),
          Map.entry("javax.crypto.", "JDK crypto"),
          Map.entry("java.math.", "JDK BigDecimal"),
          Map.entry("java.util.regex.", "JDK regex"),
          Map.entry("java.lang.invoke.", "JDK reflection"),
          Map.entry("java.lang.reflect.", "JDK reflection"),
          Map.entry("jdk.internal.reflect.", "JDK reflection"),
          Map.entry("java.util.concurrent.", "JDK concurrency"),
          Map.entry("java.", "JDK other"),
          Map.entry("jdk.", "JDK other"),
          Map.entry("sun.", "JDK other"));

  static JfrSummary of(String name, Path recording, int top) throws IOException {
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> total = new HashMap<>();
    Map<String, Long> components = new HashMap<>();
    long samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = stack.getFrames();
      String top0 = methodName(frames.get(0).getMethod());
      self.merge(top0, 1L, Long::sum);
      components.merge(component(frames), 1L, Long::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : frames) {
        String method = methodName(frame.getMethod());
        if (seen.add(method)) {
          total.merge(method, 1L, Long::sum);
        }
      }
    }
    long n = samples;
    Map<String, Long> storeOnly = new LinkedHashMap<>();
    total.forEach(
        (method, count) -> {
          if (method.startsWith("org.barebones.store.")) {
            storeOnly.put(method, count);
          }
        });
    return new JfrSummary(
        name,
        samples,
        ranked(self, n, top),
        ranked(total, n, top),
        ranked(components, n, 100),
        ranked(storeOnly, n, top));
  }

  /**
   * The component of a sample: the first frame from the top that is not generic JDK code, so that
   * time in {@code HashMap.get} called by Jackson counts for Jackson; JDK I/O and crypto count as
   * themselves.
   */
  static String component(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String type = frame.getMethod().getType().getName();
      String c = componentOf(type);
      if (!c.equals("JDK other")
          && !c.equals("JDK concurrency")
          && !c.equals("JDK reflection")
          && !c.equals("JDK BigDecimal")) {
        return c;
      }
    }
    return componentOf(frames.get(0).getMethod().getType().getName());
  }

  static String componentOf(String typeName) {
    for (Map.Entry<String, String> entry : COMPONENTS) {
      if (typeName.startsWith(entry.getKey())) {
        return entry.getValue();
      }
    }
    return "other";
  }

  private static String methodName(RecordedMethod method) {
    return method.getType().getName() + "." + method.getName();
  }

  private static List<Count> ranked(Map<String, Long> counts, long samples, int top) {
    List<Count> list = new ArrayList<>();
    counts.forEach(
        (what, count) ->
            list.add(new Count(what, count, samples == 0 ? 0 : 100.0 * count / samples)));
    list.sort(Comparator.comparingLong(Count::samples).reversed().thenComparing(Count::what));
    return list.subList(0, Math.min(top, list.size()));
  }

  /** Markdown tables of this summary. */
  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("Profile of **")
        .append(name)
        .append("**: ")
        .append(samples)
        .append(" execution samples (JFR `profile` settings, Java code only: time blocked in")
        .append(" the database or on sockets is not sampled).\n\n");
    md.append("| component (self) | samples | share |\n| --- | ---: | ---: |\n");
    for (Count c : components) {
      md.append(row(c.what(), c));
    }
    md.append("\n| hottest methods (self) | samples | share |\n| --- | ---: | ---: |\n");
    for (Count c : self) {
      md.append(row("`" + c.what() + "`", c));
    }
    md.append("\n| store methods (total, incl. callees) | samples | share |\n")
        .append("| --- | ---: | ---: |\n");
    for (Count c : storeTotal) {
      md.append(row("`" + c.what() + "`", c));
    }
    return md.toString();
  }

  private static String row(String what, Count c) {
    return String.format(Locale.ROOT, "| %s | %d | %.1f %% |%n", what, c.samples(), c.percent());
  }
}

package org.barebones.store.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The store server as a child process, on free loopback ports; stopped by its PID. */
final class ServerProcess implements AutoCloseable {

  static final String HOST = "127.0.0.1";

  private final Process process;
  private final int port = freePort();
  private final int adminPort = freePort();
  private final long startedNanos = System.nanoTime();
  private final Path log;
  private long startupNanos = -1;

  /** Starts the server in {@code workDir}: H2's default file (no databaseYaml) lands there. */
  ServerProcess(Path jar, Path workDir, String databaseYaml, List<String> jvmOptions)
      throws IOException {
    Files.createDirectories(workDir);
    Path config = workDir.resolve("config.yml");
    Files.writeString(config, config(port, adminPort, databaseYaml), StandardCharsets.UTF_8);
    log = workDir.resolve("server.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-jar", jar.toAbsolutePath().toString(), "server", config.toAbsolutePath().toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().remove("STORE_JWT_SECRET");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    process = builder.start();
  }

  /** One token secret for every server of the run: a second node must accept the first's. */
  private static final String SECRET;

  static {
    byte[] secret = new byte[48];
    new SecureRandom().nextBytes(secret);
    SECRET = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  static String config(int port, int adminPort, String databaseYaml) {
    return Report.fill(
        Report.template("server.yml"),
        Map.of("port", port, "adminPort", adminPort, "secret", SECRET, "database", databaseYaml));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  void awaitFirst200(int timeoutSeconds) throws IOException, InterruptedException {
    long deadline = startedNanos + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    Http http = new Http(port);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the server exited; see " + log);
      }
      try {
        if (http.send(http.get("/", null)).status() == 200) {
          startupNanos = System.nanoTime() - startedNanos;
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      // Polling interval while the server starts, not a timing assumption.
      Thread.sleep(5);
    }
    throw new IOException("the server did not answer within " + timeoutSeconds + " s; see " + log);
  }

  long startupNanos() {
    return startupNanos;
  }

  int port() {
    return port;
  }

  int adminPort() {
    return adminPort;
  }

  long pid() {
    return process.pid();
  }

  /** A memory figure of {@code /proc/<pid>/status} (VmRSS: now, VmHWM: peak) in KiB, or -1. */
  long memoryKib(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  /** User + system CPU time so far, all threads, in ns; -1 if unknown. */
  long cpuNanos() {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  /** Starts a JFR recording with JFR's own {@code profile} settings. */
  void startRecording(String name) throws IOException, InterruptedException {
    profiler(
        List.of("JFR.start", "name=" + name, "settings=profile"),
        "start,event=itimer,interval=1ms");
  }

  /** Stops a recording into {@code file} (async-profiler: {@code file.collapsed}), answered. */
  Path stopRecording(String name, Path file) throws IOException, InterruptedException {
    Path collapsed = file.resolveSibling(file.getFileName() + ".collapsed").toAbsolutePath();
    boolean jfr =
        profiler(
            List.of("JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath()),
            "stop,collapsed,file=" + collapsed);
    return jfr ? file : collapsed;
  }

  /**
   * Starts and discards a recording before any load: the first {@code JFR.start} in a running JVM
   * slows it for tens of seconds while the JIT recompiles; later ones cost nothing visible.
   */
  void primeRecorder() throws IOException, InterruptedException {
    startRecording("prime");
    profiler(List.of("JFR.stop", "name=prime"), "stop,collapsed,file=/dev/null");
  }

  /**
   * Sends {@code jfr} with jcmd, or loads async-profiler ({@code BENCH_ASYNC_PROFILER}; it samples
   * CPU time without JFR's bias towards Java code) with its arguments. Answers whether it was JFR.
   */
  private boolean profiler(List<String> jfr, String asyncProfiler)
      throws IOException, InterruptedException {
    String lib = System.getenv("BENCH_ASYNC_PROFILER");
    if (lib == null || lib.isBlank()) {
      jcmd(jfr);
      return true;
    }
    String agent = Path.of(lib).toAbsolutePath().toString();
    jcmd(List.of("JVMTI.agent_load", agent, "\"" + asyncProfiler + "\""));
    return false;
  }

  private void jcmd(List<String> arguments) throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    List<String> command = new ArrayList<>(List.of(jcmd, Long.toString(pid())));
    command.addAll(arguments);
    // jcmd answers 0 when the command itself reports an error (JVMTI.agent_load does).
    if (output(new ProcessBuilder(command)).contains("[ERROR]")) {
      throw new IOException("jcmd failed: " + String.join(" ", command));
    }
  }

  /** Runs a command to its end; its output (and errors), or an IOException if it fails. */
  static String output(ProcessBuilder command) throws IOException, InterruptedException {
    Process p = command.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command.command()) + " failed:\n" + out);
    }
    return out;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}

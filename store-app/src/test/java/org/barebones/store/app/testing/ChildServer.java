package org.barebones.store.app.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Test support: the packaged server ({@code target/store-app.jar}) running as a child process on
 * 127.0.0.1, configured through {@code -Ddw.*} overrides of its defaults, its console kept in a
 * file. It is stopped by its PID: SIGKILL for a crash, SIGTERM for a graceful stop, and always
 * killed when the test (or this JVM) ends.
 */
public final class ChildServer implements AutoCloseable {

  public static final Path JAR = Path.of("target", "store-app.jar");

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-children"));
  }

  private final Process process;
  private final int port;
  private final int adminPort;
  private final Path log;

  private ChildServer(Process process, int port, int adminPort, Path log) {
    this.process = process;
    this.port = port;
    this.adminPort = adminPort;
    this.log = log;
  }

  /**
   * Starts the packaged server and waits (at most a minute) until it answers {@code GET /}.
   *
   * @param mainClass null for the jar's own main class, else a class run from the jar plus this
   *     module's test classes (a control application)
   * @param settings more {@code dw.*} overrides (without the prefix)
   */
  public static ChildServer start(
      Db db, Path workDir, String name, String mainClass, Map<String, String> settings) {
    return start(db, workDir, name, mainClass, Overrides.none().setAll(settings));
  }

  /**
   * Starts the packaged server as {@link #start(Db, Path, String, String, Map)} does, with {@code
   * settings} in their order after the ports, hosts and database.
   */
  public static ChildServer start(
      Db db, Path workDir, String name, String mainClass, Overrides settings) {
    return start(db, workDir, name, mainClass, settings, null);
  }

  /**
   * Starts the packaged server as {@link #start(Db, Path, String, String, Overrides)} does, with a
   * configuration file (null for none): for what overrides cannot say, such as list elements.
   */
  public static ChildServer start(
      Db db, Path workDir, String name, String mainClass, Overrides settings, Path configFile) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run mvn package first");
    }
    int port = freePort();
    int adminPort = freePort();
    Path log = workDir.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    // A child lives for seconds and hashes cheap test passwords: C1 alone spends far less CPU
    // compiling than C2 would earn back.
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(
        Overrides.none()
            .set("server.applicationConnectors[0].port", Integer.toString(port))
            .set("server.applicationConnectors[0].bindHost", "127.0.0.1")
            .set("server.adminConnectors[0].port", Integer.toString(adminPort))
            .set("server.adminConnectors[0].bindHost", "127.0.0.1")
            // No graceful wait on SIGTERM (a test may set one): a stop that came right after an
            // answered request has been seen to wait out the whole grace period.
            .set("server.shutdownGracePeriod", "0s")
            .database(db)
            .setAll(settings)
            .toSystemProperties());
    if (mainClass == null) {
      command.add("-jar");
      command.add(JAR.toAbsolutePath().toString());
    } else {
      command.add("-cp");
      command.add(
          JAR.toAbsolutePath()
              + File.pathSeparator
              + Path.of("target", "test-classes").toAbsolutePath());
      command.add(mainClass);
    }
    command.add("server");
    if (configFile != null) {
      command.add(configFile.toAbsolutePath().toString());
    }
    try {
      Files.createDirectories(workDir);
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      LIVE.add(process);
      ChildServer child = new ChildServer(process, port, adminPort, log);
      try {
        child.awaitReady(
            Duration.ofMinutes(3)); // generous: CI machines are shared and slow to start a JVM
      } catch (RuntimeException | Error e) {
        child.close();
        throw e;
      }
      return child;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
  }

  private void awaitReady(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    StoreClient probe = new StoreClient(port, Duration.ofSeconds(2));
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the server exited with " + process.exitValue() + ":\n" + tail());
      }
      try {
        if (probe.get("/").status() == 200) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      // A poll interval: no event of the child process says when it listens.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    throw new IllegalStateException("the server did not answer within " + limit + ":\n" + tail());
  }

  public long pid() {
    return process.pid();
  }

  public int port() {
    return port;
  }

  public int adminPort() {
    return adminPort;
  }

  public Path log() {
    return log;
  }

  /** SIGKILL: the process dies at once, mid-request, with no shutdown hook run. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException("process " + pid() + " survived SIGKILL");
    }
    LIVE.remove(process);
  }

  /** SIGTERM, then SIGKILL if it has not stopped within 20 s; returns the exit code. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
    LIVE.remove(process);
    return process.exitValue();
  }

  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String tail() {
    String all = output();
    return all.length() > 6000 ? all.substring(all.length() - 6000) : all;
  }

  /** Ends the process whatever state it is in: SIGTERM, then SIGKILL after 10 s. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      LIVE.remove(process);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.barebones.store.app.testing.Await;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's commands, on the real fat jar ({@code target/store-app.jar}, built by {@code
 * package} before failsafe runs this): {@code db migrate} and {@code server} with no configuration
 * file, in a fresh working directory. Only the ports are moved off 8080/8081, so that the test does
 * not collide with a server already running on this machine.
 */
class ServerJarIT {

  private static final Path JAR = Path.of("target", "store-app.jar").toAbsolutePath();

  @TempDir Path workDir;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopEverything() throws InterruptedException {
    for (Process process : started) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void dbMigrateThenServer_withNoConfigFile_runOnTheEmbeddedDatabaseInData() throws Exception {
    assertThat(JAR).as("run `mvn package` first").exists();

    Process migrate = java(List.of(), "migrate.log", "db", "migrate");
    assertThat(migrate.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(migrate.exitValue()).as(log("migrate.log")).isZero();
    assertThat(workDir.resolve("data").resolve("store.mv.db")).exists();
    assertThat(log("migrate.log")).contains("Applied");

    int port = freePort();
    int adminPort = freePort();
    List<String> ports =
        List.of(
            "-Ddw.server.applicationConnectors[0].port=" + port,
            "-Ddw.server.adminConnectors[0].port=" + adminPort);

    Process first = java(ports, "first.log", "server");
    StoreClient api = new StoreClient(port);
    awaitUp(api, first, "first.log");
    Reply created =
        api.post(
            "/api/producer", Map.of("username", "jar-user", "password", "correct horse"), null);
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    String token = created.json().get("auth_token").asText();
    Reply health = new StoreClient(adminPort).get("/healthcheck");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("db").get("healthy").asBoolean()).isTrue();
    stop(first);

    Path secret = workDir.resolve("data").resolve("jwt-secret");
    assertThat(secret).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
        .isEqualTo("rw-------");
    String firstLog = log("first.log");
    assertThat(firstLog).contains("generated one and stored it in " + secret);
    assertThat(firstLog).doesNotContain(Files.readString(secret).strip());

    Process second = java(ports, "second.log", "server");
    awaitUp(api, second, "second.log");
    Reply product =
        api.post(
            "/api/products",
            Map.of("title", "Survives restarts", "price", 2.5, "inventory_count", 1),
            token);
    assertThat(product.status()).as(product.toString()).isEqualTo(200);
    stop(second);
    assertThat(log("second.log")).contains("signing tokens with the secret stored in " + secret);
  }

  private Process java(List<String> options, String logName, String... arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve(logName).toFile());
    // The defaults, whatever the shell running the build has set.
    builder.environment().remove("STORE_JWT_SECRET");
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private void awaitUp(StoreClient api, Process process, String logName) {
    Await.until(
        "the server to answer GET / (log " + logName + ")",
        Duration.ofSeconds(90),
        () -> {
          assertThat(process.isAlive()).as(() -> "server exited:\n" + log(logName)).isTrue();
          return api.get("/").status() == 200;
        });
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  private String log(String name) {
    try {
      return Files.readString(workDir.resolve(name));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

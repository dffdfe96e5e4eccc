package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.barebones.store.app.Api.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample {@code config-postgres.yml} against a PostgreSQL server that goes away: requests
 * answer 503 within about the connection wait, the health check turns unhealthy, and once the
 * database is back the server recovers by itself.
 */
class DatabaseOutageIT {

  @TempDir Path dataDirectory;

  private EmbeddedPostgres postgres;
  private DropwizardTestSupport<StoreConfiguration> server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.after();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private EmbeddedPostgres startPostgres(int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false)
        .start();
  }

  /**
   * Includes the connections that the shutdown killed: PostgreSQL tells them "terminating
   * connection due to administrator command" (SQLState 57P01), which is unavailability too.
   */
  @Test
  void whenTheDatabaseGoesAway_requestsAnswer503Quickly_andTheServerRecoversByItself()
      throws Exception {
    int port = freePort();
    postgres = startPostgres(port);
    server =
        new DropwizardTestSupport<>(
            StoreApplication.class,
            Path.of("..", "config-postgres.yml").toString(),
            ConfigOverride.randomPorts(),
            ConfigOverride.config("database.url", postgres.getJdbcUrl("postgres", "postgres")),
            ConfigOverride.config("database.user", "postgres"),
            ConfigOverride.config("database.password", ""),
            ConfigOverride.config("jwt.secret", TestApps.SECRET),
            ConfigOverride.config("passwordHashIterations", "1000"),
            ConfigOverride.config("logging.level", "ERROR"));
    server.before();
    Api api = new Api(server.getLocalPort());
    Api admin = new Api(server.getAdminPort());

    Reply producer =
        api.post("/api/producer", Map.of("username", "outage", "password", "correct horse"), null);
    assertThat(producer.status()).as(producer.toString()).isEqualTo(200);
    Reply product =
        api.post(
            "/api/products",
            Map.of("title", "Durable", "price", 3, "inventory_count", 2),
            producer.json().get("auth_token").asText());
    assertThat(product.status()).as(product.toString()).isEqualTo(200);
    String path = "/api/products/" + product.json().get("id").asLong();

    postgres.close();
    postgres = null;

    Instant before = Instant.now();
    Reply down = api.get(path);
    Duration took = Duration.between(before, Instant.now());
    assertThat(down.status()).as(down.toString()).isEqualTo(503);
    assertThat(down.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertThat(api.post("/api/shopping_cart", null, null).status()).isEqualTo(503);
    assertThat(admin.get("/healthcheck").status()).isEqualTo(500);

    postgres = startPostgres(port);

    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    Reply up = api.get(path);
    while (up.status() != 200 && Instant.now().isBefore(deadline)) {
      assertThat(up.status()).as(up.toString()).isEqualTo(503);
      Thread.sleep(250);
      up = api.get(path);
    }
    assertThat(up.status()).as(up.toString()).isEqualTo(200);
    assertThat(up.json().get("title").asText()).isEqualTo("Durable");
    assertThat(api.post("/api/shopping_cart", null, null).status()).isEqualTo(200);
    assertThat(admin.get("/healthcheck").status()).isEqualTo(200);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.barebones.store.app.testing.StoreClient;
import org.barebones.store.app.testing.StoreClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default configuration (no file, no secret) with only the database file moved into a temporary
 * directory: an embedded H2 file database, migrated on start, and a generated token secret beside
 * it that outlives a restart, as do the data.
 */
class DefaultConfigurationIT {

  @TempDir Path dir;

  private DropwizardTestSupport<StoreConfiguration> server(String url) {
    return new DropwizardTestSupport<>(
        StoreApplication.class,
        (String) null,
        ConfigOverride.randomPorts(),
        ConfigOverride.config("database.url", url),
        ConfigOverride.config("passwordHashIterations", "1000"),
        // Stopped without Jetty's graceful wait, like every test server (Overrides.defaults): on
        // this shared machine a stop once waited out the whole 30 s grace period and failed the
        // test; what the server held in flight is not known (see README, Test harness).
        ConfigOverride.config("server.shutdownGracePeriod", "0s"),
        ConfigOverride.config("logging.level", "WARN"));
  }

  @Test
  void theDefaults_runOnAnEmbeddedFileDatabase_andTokensAndDataSurviveARestart() throws Exception {
    assumeTrue(
        System.getenv("STORE_JWT_SECRET") == null, "STORE_JWT_SECRET is set: no secret generated");
    String url =
        StoreConfiguration.DEFAULT_DATABASE_URL.replace(
            "./data/store", dir.resolve("data").resolve("store").toString());
    String token;
    long producerId;

    DropwizardTestSupport<StoreConfiguration> first = server(url);
    first.before();
    try {
      assertThat(first.getConfiguration().getJwt().getSecret()).isNull();
      StoreClient api = new StoreClient(first.getLocalPort());
      Reply created =
          api.post(
              "/api/producer", Map.of("username", "first-run", "password", "correct horse"), null);
      assertThat(created.status()).as(created.toString()).isEqualTo(200);
      token = created.json().get("auth_token").asText();
      producerId = created.json().get("producer").get("id").asLong();
    } finally {
      first.after();
    }

    Path secret = dir.resolve("data").resolve("jwt-secret");
    assertThat(secret).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
        .isEqualTo("rw-------");
    assertThat(dir.resolve("data").resolve("store.mv.db")).exists();

    DropwizardTestSupport<StoreConfiguration> second = server(url);
    second.before();
    try {
      StoreClient api = new StoreClient(second.getLocalPort());
      Reply product =
          api.post(
              "/api/products",
              Map.of("title", "After restart", "price", 1.5, "inventory_count", 3),
              token);
      assertThat(product.status()).as(product.toString()).isEqualTo(200);
      assertThat(product.json().get("producer_id").asLong()).isEqualTo(producerId);
    } finally {
      second.after();
    }
  }

  @Test
  void aConfiguredSecretShorterThan32Bytes_stopsTheStart_beforeTheDatabaseIsTouched() {
    String url =
        StoreConfiguration.DEFAULT_DATABASE_URL.replace(
            "./data/store", dir.resolve("data").resolve("store").toString());
    DropwizardTestSupport<StoreConfiguration> server =
        new DropwizardTestSupport<>(
            StoreApplication.class,
            (String) null,
            ConfigOverride.randomPorts(),
            ConfigOverride.config("database.url", url),
            ConfigOverride.config("jwt.secret", "thirty-one-bytes-are-not-enough"),
            ConfigOverride.config("logging.level", "WARN"));

    Throwable failure = catchThrowable(server::before);
    while (failure != null && failure.getCause() != null) {
      failure = failure.getCause();
    }
    assertThat(failure)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("31 bytes long; at least 32 are required");
    server.after();
    assertThat(dir.resolve("data").resolve("store.mv.db")).doesNotExist();
  }
}

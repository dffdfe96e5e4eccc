package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class TokenSecretsTest {

  private static final Function<String, String> NO_ENVIRONMENT = name -> null;

  @TempDir Path dir;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(TokenSecrets.class);
  private Level levelBefore;

  @BeforeEach
  void captureLogs() {
    levelBefore = logger.getLevel();
    logger.setLevel(Level.INFO);
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    logger.detachAppender(logs);
    logger.setLevel(levelBefore);
  }

  private String h2File() {
    return "jdbc:h2:" + dir.resolve("db/store") + ";MODE=PostgreSQL";
  }

  private static JwtConfiguration jwt(String secret) {
    JwtConfiguration jwt = new JwtConfiguration();
    jwt.setSecret(secret);
    return jwt;
  }

  private List<String> messages() {
    return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void configuredSecret_whenShorterThan32Bytes_stopsTheStartWithAClearMessage() {
    assertThatThrownBy(
            () ->
                TokenSecrets.resolve(
                    jwt("only-31-bytes-long-secret-value"), h2File(), NO_ENVIRONMENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("31 bytes")
        .hasMessageContaining("at least 32")
        .hasMessageContaining("STORE_JWT_SECRET")
        .hasMessageNotContaining("only-31-bytes-long-secret-value");
    assertThat(dir.resolve("db")).doesNotExist();
  }

  @Test
  void configuredSecret_whenLongEnough_isUsedAsItsUtf8Bytes_andNoFileIsWritten() {
    String secret = "a-configured-secret-of-forty-bytes-long!";

    byte[] resolved = TokenSecrets.resolve(jwt("  " + secret + "\n"), h2File(), NO_ENVIRONMENT);

    assertThat(resolved).isEqualTo(secret.getBytes(StandardCharsets.UTF_8));
    assertThat(dir.resolve("db")).doesNotExist();
    assertThat(String.join("\n", messages())).doesNotContain(secret);
  }

  @Test
  void secretFromTheEnvironment_standsInWhenTheConfigurationHasNone_butNotOverIt() {
    String fromEnvironment = "a-secret-from-STORE_JWT_SECRET-of-40-b!";
    Function<String, String> environment = Map.of("STORE_JWT_SECRET", fromEnvironment)::get;
    String configured = "a-configured-secret-of-forty-bytes-long!";

    assertThat(TokenSecrets.resolve(jwt(null), h2File(), environment))
        .isEqualTo(fromEnvironment.getBytes(StandardCharsets.UTF_8));
    assertThat(TokenSecrets.resolve(jwt(configured), h2File(), environment))
        .isEqualTo(configured.getBytes(StandardCharsets.UTF_8));
    assertThat(dir.resolve("db")).doesNotExist();
    assertThatThrownBy(
            () -> TokenSecrets.resolve(jwt(""), h2File(), Map.of("STORE_JWT_SECRET", "short")::get))
        .hasMessageContaining("at least 32");
  }

  @Test
  void noSecret_onTheEmbeddedDatabase_generatesOneBesideIt_readableByItsOwnerOnly_andReusesIt()
      throws Exception {
    byte[] first = TokenSecrets.resolve(jwt(null), h2File(), NO_ENVIRONMENT);

    Path file = dir.resolve("db").resolve("jwt-secret");
    assertThat(file).exists();
    assertThat(first.length).isGreaterThanOrEqualTo(32);
    assertThat(Files.readString(file).strip().getBytes(StandardCharsets.UTF_8)).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(messages())
        .anySatisfy(m -> assertThat(m).contains("generated").contains(file.toString()));

    logs.list.clear();
    byte[] second = TokenSecrets.resolve(jwt(""), h2File(), NO_ENVIRONMENT);

    assertThat(second).isEqualTo(first);
    assertThat(messages())
        .anySatisfy(m -> assertThat(m).contains("stored in").contains(file.toString()));
    String allLogs = String.join("\n", messages());
    assertThat(allLogs).doesNotContain(new String(first, StandardCharsets.UTF_8));
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("jwt-secret");
    }
  }

  @Test
  void noSecret_onPostgres_usesTheFileButWarnsThatNodesNeedASharedOne() {
    JwtConfiguration jwt = jwt(null);
    jwt.setSecretFile(dir.resolve("secret").toString());

    byte[] secret =
        TokenSecrets.resolve(jwt, "jdbc:postgresql://db.example:5432/store", NO_ENVIRONMENT);

    assertThat(secret.length).isGreaterThanOrEqualTo(32);
    assertThat(dir.resolve("secret")).exists();
    assertThat(logs.list)
        .anySatisfy(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.WARN);
              assertThat(e.getFormattedMessage()).contains("shared secret");
            });
  }

  @Test
  void noSecret_inMemory_signsWithAnEphemeralSecret_andWritesNoFile() {
    byte[] one = TokenSecrets.resolve(jwt(null), "jdbc:h2:mem:x;MODE=PostgreSQL", NO_ENVIRONMENT);
    byte[] two = TokenSecrets.resolve(jwt(null), "jdbc:h2:mem:x;MODE=PostgreSQL", NO_ENVIRONMENT);

    assertThat(one.length).isGreaterThanOrEqualTo(32);
    assertThat(one).isNotEqualTo(two);
  }

  @Test
  void storedSecret_whenTruncated_stopsTheStartNamingTheFile() throws Exception {
    Path file = dir.resolve("db").resolve("jwt-secret");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "short\n");

    assertThatThrownBy(() -> TokenSecrets.resolve(jwt(null), h2File(), NO_ENVIRONMENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("at least 32");
  }
}

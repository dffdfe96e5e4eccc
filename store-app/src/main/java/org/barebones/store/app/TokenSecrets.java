package org.barebones.store.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which secret signs the tokens: the configured one (at least {@value #MIN_SECRET_BYTES}
 * bytes, else the start stops), or, with none, a random one generated once and kept in a file
 * readable by its owner only, so that tokens survive a restart. The secret itself is never logged.
 */
final class TokenSecrets {

  static final int MIN_SECRET_BYTES = 32;

  /** The environment variable that holds the secret when the configuration does not. */
  static final String SECRET_VARIABLE = "STORE_JWT_SECRET";

  /** File name of a generated secret, beside the embedded database. */
  static final String SECRET_FILE_NAME = "jwt-secret";

  private static final int GENERATED_BYTES = 48;
  private static final Logger LOG = LoggerFactory.getLogger(TokenSecrets.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenSecrets() {}

  /**
   * The signing secret for this configuration.
   *
   * @throws IllegalStateException with a message fit for an operator when the configured or the
   *     stored secret is too short
   */
  static byte[] resolve(JwtConfiguration jwt, String databaseUrl) {
    return resolve(jwt, databaseUrl, System::getenv);
  }

  /**
   * As {@link #resolve(JwtConfiguration, String)}, reading environment variables from {@code
   * environment}: {@value #SECRET_VARIABLE} stands in for {@code jwt.secret} when the configuration
   * has none (so that it also works with no configuration file at all).
   */
  static byte[] resolve(
      JwtConfiguration jwt, String databaseUrl, Function<String, String> environment) {
    String configured = jwt.getSecret();
    if (configured == null || configured.isBlank()) {
      configured = environment.apply(SECRET_VARIABLE);
    }
    if (configured != null && !configured.isBlank()) {
      byte[] secret = configured.strip().getBytes(StandardCharsets.UTF_8);
      if (secret.length < MIN_SECRET_BYTES) {
        throw new IllegalStateException(
            "The configured token secret (jwt.secret or STORE_JWT_SECRET) is "
                + secret.length
                + " bytes long; at least "
                + MIN_SECRET_BYTES
                + " are required. Generate one with: openssl rand -base64 48");
      }
      LOG.info("Signing tokens with the configured secret");
      return secret;
    }
    DatabaseKind database = DatabaseKind.of(databaseUrl);
    Optional<Path> file = secretFile(jwt, database);
    if (file.isEmpty()) {
      LOG.warn(
          "No token secret configured and the database lives in memory: tokens are signed with a"
              + " random secret that lasts as long as this process");
      return randomSecret().getBytes(StandardCharsets.UTF_8);
    }
    byte[] secret = storedOrGenerated(file.get());
    if (database.kind() == DatabaseKind.Kind.SERVER) {
      LOG.warn(
          "No token secret configured: signing with the secret in {}, which belongs to this node"
              + " alone. Several nodes over one database need one shared secret: set"
              + " STORE_JWT_SECRET (or jwt.secret) to the same value on every node, or tokens issued"
              + " by one node are refused by the others",
          file.get());
    }
    return secret;
  }

  private static Optional<Path> secretFile(JwtConfiguration jwt, DatabaseKind database) {
    if (jwt.getSecretFile() != null && !jwt.getSecretFile().isBlank()) {
      return Optional.of(Path.of(jwt.getSecretFile()).toAbsolutePath().normalize());
    }
    return switch (database.kind()) {
      case EMBEDDED_FILE ->
          Optional.of(
              database
                  .directory()
                  .orElseGet(() -> Path.of("").toAbsolutePath())
                  .resolve(SECRET_FILE_NAME));
      case SERVER -> Optional.of(Path.of("data", SECRET_FILE_NAME).toAbsolutePath());
      case IN_MEMORY -> Optional.empty();
    };
  }

  private static byte[] storedOrGenerated(Path file) {
    try {
      if (!Files.exists(file)) {
        generate(file);
        LOG.info(
            "No token secret configured: generated one and stored it in {} (readable by its owner"
                + " only), so tokens stay valid across restarts",
            file);
      } else {
        LOG.info("No token secret configured: signing tokens with the secret stored in {}", file);
        warnIfReadableByOthers(file);
      }
      byte[] secret =
          Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
      if (secret.length < MIN_SECRET_BYTES) {
        throw new IllegalStateException(
            "The token secret stored in "
                + file
                + " is "
                + secret.length
                + " bytes long; at least "
                + MIN_SECRET_BYTES
                + " are required. Delete the file to have a new one generated (tokens issued so"
                + " far stop working), or configure jwt.secret / STORE_JWT_SECRET");
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the token secret file " + file, e);
    }
  }

  private static void generate(Path file) throws IOException {
    Path directory = file.getParent();
    Files.createDirectories(directory);
    Path temporary;
    if (isPosix()) {
      temporary =
          Files.createTempFile(
              directory,
              SECRET_FILE_NAME,
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      temporary = Files.createTempFile(directory, SECRET_FILE_NAME, ".tmp");
    }
    try {
      Files.writeString(temporary, randomSecret() + "\n", StandardCharsets.UTF_8);
      // Two nodes racing here each move a complete file; both then read whichever won.
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void warnIfReadableByOthers(Path file) throws IOException {
    if (!isPosix()) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (permissions.contains(PosixFilePermission.GROUP_READ)
        || permissions.contains(PosixFilePermission.OTHERS_READ)) {
      LOG.warn("The token secret file {} is readable by other users: chmod 600 it", file);
    }
  }

  private static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** Printable, so that an operator can copy it into STORE_JWT_SECRET for every node. */
  private static String randomSecret() {
    byte[] bytes = new byte[GENERATED_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

package org.barebones.store.domain.password;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.barebones.store.domain.port.PasswordHasher;
import org.barebones.store.domain.producer.Password;

/**
 * Adapter (JDK only): PBKDF2-HMAC-SHA256 password hashes, as OWASP's password storage guidance
 * recommends when Argon2 and scrypt are not at hand: at least 600,000 iterations by default, a
 * 16-byte random salt, a 32-byte key. The encoded hash names its algorithm and iteration count
 * ({@code pbkdf2-sha256$600000$salt$hash}), so the cost can be raised later and old hashes still
 * verify.
 */
public final class Pbkdf2PasswordHasher implements PasswordHasher {

  /** OWASP's 2023 minimum for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  private static final String ALGORITHM = "pbkdf2-sha256";
  private static final String JCA_ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final int SALT_BYTES = 16;
  private static final int KEY_BITS = 256;
  private static final String DECOY_PASSWORD = "decoy-password-never-valid";

  private final int iterations;
  private final SecureRandom random = new SecureRandom();

  public Pbkdf2PasswordHasher() {
    this(DEFAULT_ITERATIONS);
  }

  /** A hasher of the given cost; below the default only for tests. */
  public Pbkdf2PasswordHasher(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive: " + iterations);
    }
    this.iterations = iterations;
  }

  @Override
  public String hash(Password password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] key = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return ALGORITHM
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(key);
  }

  @Override
  public boolean matches(Password password, String encodedHash) {
    String[] parts = encodedHash.split("\\$");
    if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
      return false;
    }
    try {
      int storedIterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, storedIterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String decoyHash() {
    return hash(Password.asTyped(DECOY_PASSWORD));
  }

  public int iterations() {
    return iterations;
  }

  private static byte[] derive(Password password, byte[] salt, int iterations) {
    char[] chars = password.chars();
    PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance(JCA_ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(JCA_ALGORITHM + " is part of every JDK", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\0');
    }
  }
}

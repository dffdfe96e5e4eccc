package org.barebones.store.domain.producer;

import java.util.Objects;
import org.barebones.store.domain.shared.InvalidInputException;

/**
 * Value: a clear-text password in transit from the client to the {@code PasswordHasher}. It never
 * prints itself, so it cannot leak into a log line by accident.
 */
public final class Password {

  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 1024;

  private final char[] chars;

  private Password(String value) {
    this.chars = value.toCharArray();
  }

  /** A password that satisfies the length rules (for a new producer). */
  public static Password of(String value) {
    String problem = problemWith(value);
    if (problem != null) {
      throw new InvalidInputException("password", problem);
    }
    return new Password(value);
  }

  /**
   * A password as a client typed it at login, not checked against the rules: a login must fail the
   * same way for a short password as for a wrong one.
   */
  public static Password asTyped(String value) {
    return new Password(Objects.requireNonNull(value, "value"));
  }

  /** The rule {@code candidate} breaks, or {@code null} if it is an acceptable new password. */
  public static String problemWith(String candidate) {
    if (candidate == null) {
      return "is required";
    }
    int length = candidate.codePointCount(0, candidate.length());
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      return "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters";
    }
    return null;
  }

  /** A copy of the characters; the caller should wipe it after use. */
  public char[] chars() {
    return chars.clone();
  }

  @Override
  public String toString() {
    return "Password[redacted]";
  }
}

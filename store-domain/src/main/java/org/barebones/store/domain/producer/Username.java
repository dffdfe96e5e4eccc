package org.barebones.store.domain.producer;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.barebones.store.domain.shared.InvalidInputException;

/**
 * Value: a producer's login name: 3 to 64 letters, digits, {@code _ . -}. Two usernames that differ
 * only in case name the same producer.
 */
public record Username(String value) {

  public static final int MIN_LENGTH = 3;
  public static final int MAX_LENGTH = 64;
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.-]+");

  public Username {
    Objects.requireNonNull(value, "value");
    String problem = problemWith(value);
    if (problem != null) {
      throw new InvalidInputException("username", problem);
    }
  }

  /** The rule {@code candidate} breaks, or {@code null} if it is a valid username. */
  public static String problemWith(String candidate) {
    if (candidate == null) {
      return "is required";
    }
    if (candidate.length() < MIN_LENGTH || candidate.length() > MAX_LENGTH) {
      return "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters";
    }
    if (!ALLOWED.matcher(candidate).matches()) {
      return "may contain only letters, digits, '_', '.' and '-'";
    }
    return null;
  }

  /** The form compared for uniqueness. */
  public String canonical() {
    return value.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return value;
  }
}

package org.barebones.store.http.resource;

import java.util.OptionalLong;
import org.barebones.store.http.problem.HttpProblem;

/**
 * Parses path ids and query parameters, which Jersey hands over as text so that a bad one gets this
 * API's answer (404 for an id, 400 for a parameter) rather than Jersey's.
 */
final class Params {
  private Params() {}

  /** A path id: a positive 64-bit integer in ASCII digits, or 404 for {@code what}. */
  static long pathId(String raw, String what) {
    OptionalLong id = digits(raw);
    if (id.isEmpty() || id.getAsLong() <= 0) {
      throw HttpProblem.notFound("No " + what + " has that id; ids are positive integers");
    }
    return id.getAsLong();
  }

  /** An optional integer query parameter, or 400. */
  static OptionalLong optionalLong(String raw, String name) {
    if (raw == null) {
      return OptionalLong.empty();
    }
    String value = raw.startsWith("-") ? raw.substring(1) : raw;
    OptionalLong magnitude = digits(value);
    if (magnitude.isEmpty()) {
      throw HttpProblem.badParameter(name, "must be an integer");
    }
    return OptionalLong.of(raw.startsWith("-") ? -magnitude.getAsLong() : magnitude.getAsLong());
  }

  /** An optional query parameter naming an id: a positive integer, or 400. */
  static OptionalLong optionalId(String raw, String name) {
    OptionalLong value = optionalLong(raw, name);
    if (value.isPresent() && value.getAsLong() <= 0) {
      throw HttpProblem.badParameter(name, "must be a positive id");
    }
    return value;
  }

  private static OptionalLong digits(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > 19) {
      return OptionalLong.empty();
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') { // ASCII only: Long.parseLong would take other scripts' digits
        return OptionalLong.empty();
      }
    }
    try {
      return OptionalLong.of(Long.parseLong(raw));
    } catch (NumberFormatException e) {
      return OptionalLong.empty(); // 19 digits over Long.MAX_VALUE
    }
  }
}

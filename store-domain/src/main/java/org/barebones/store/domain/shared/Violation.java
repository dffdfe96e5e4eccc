package org.barebones.store.domain.shared;

import java.util.Objects;

/** Value: one broken input rule, naming the field (in the API's spelling) and the rule. */
public record Violation(String field, String message) {
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}

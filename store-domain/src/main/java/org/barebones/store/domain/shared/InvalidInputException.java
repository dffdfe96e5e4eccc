package org.barebones.store.domain.shared;

import java.util.List;
import java.util.stream.Collectors;

/** Failure: well-formed input that breaks one or more rules, each listed. */
public class InvalidInputException extends DomainException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public InvalidInputException(List<Violation> violations) {
    this("validation", "Invalid input", describe(violations), violations);
  }

  public InvalidInputException(String field, String message) {
    this(List.of(new Violation(field, message)));
  }

  protected InvalidInputException(
      String code, String title, String detail, List<Violation> violations) {
    super(Kind.INVALID, code, title, detail);
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }

  private static String describe(List<Violation> violations) {
    return violations.stream()
        .map(v -> v.field() + " " + v.message())
        .collect(Collectors.joining("; "));
  }
}

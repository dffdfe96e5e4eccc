package org.barebones.store.domain.shared;

import java.util.Objects;

/**
 * Base of every failure the store's rules report: a {@link Kind} that adapters translate (to an
 * HTTP status, say), a stable {@code code} that clients may branch on, a short title, and a detail
 * for humans.
 */
public abstract class DomainException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What sort of failure this is, independent of any transport. */
  public enum Kind {
    NOT_FOUND,
    FORBIDDEN,
    UNAUTHENTICATED,
    INVALID,
    CONFLICT,
    PRECONDITION_FAILED,
    RATE_LIMITED,
    UNAVAILABLE
  }

  private final Kind kind;
  private final String code;
  private final String title;

  protected DomainException(Kind kind, String code, String title, String detail) {
    this(kind, code, title, detail, null);
  }

  protected DomainException(Kind kind, String code, String title, String detail, Throwable cause) {
    super(detail, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.code = Objects.requireNonNull(code, "code");
    this.title = Objects.requireNonNull(title, "title");
  }

  public Kind kind() {
    return kind;
  }

  /**
   * Stable, lower-case, hyphenated name of this kind of problem, e.g. {@code insufficient-stock}.
   */
  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }
}

package org.barebones.store.domain.shared;

/** Failure: the caller is who it claims to be, but does not own what it touches. */
public class ForbiddenException extends DomainException {
  private static final long serialVersionUID = 1L;

  public ForbiddenException(String detail) {
    super(Kind.FORBIDDEN, "forbidden", "Forbidden", detail);
  }
}

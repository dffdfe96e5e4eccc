package org.barebones.store.domain.shared;

/** Failure: no credentials, or credentials that do not prove who the caller is. */
public class UnauthenticatedException extends DomainException {
  private static final long serialVersionUID = 1L;

  public UnauthenticatedException(String detail) {
    super(Kind.UNAUTHENTICATED, "unauthenticated", "Unauthenticated", detail);
  }
}

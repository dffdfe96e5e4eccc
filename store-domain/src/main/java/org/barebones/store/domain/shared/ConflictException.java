package org.barebones.store.domain.shared;

/** Failure: the request is valid but conflicts with the store's current state. */
public class ConflictException extends DomainException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String code, String title, String detail) {
    super(Kind.CONFLICT, code, title, detail);
  }
}

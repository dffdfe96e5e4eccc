package org.barebones.store.domain.shared;

/** Failure: the named resource does not exist. */
public class NotFoundException extends DomainException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String detail) {
    super(Kind.NOT_FOUND, "not-found", "Not found", detail);
  }
}

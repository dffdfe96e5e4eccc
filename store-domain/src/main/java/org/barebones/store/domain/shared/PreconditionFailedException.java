package org.barebones.store.domain.shared;

/** Failure: the caller's precondition (an expected version) no longer holds; nothing changed. */
public class PreconditionFailedException extends DomainException {
  private static final long serialVersionUID = 1L;

  public PreconditionFailedException(String detail) {
    super(Kind.PRECONDITION_FAILED, "precondition-failed", "Precondition failed", detail);
  }
}

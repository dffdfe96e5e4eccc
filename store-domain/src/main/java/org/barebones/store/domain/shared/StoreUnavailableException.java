package org.barebones.store.domain.shared;

/** Failure: a driven adapter (the database, say) cannot be reached right now; retry later. */
public class StoreUnavailableException extends DomainException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String detail, Throwable cause) {
    super(Kind.UNAVAILABLE, "unavailable", "Service unavailable", detail, cause);
  }
}

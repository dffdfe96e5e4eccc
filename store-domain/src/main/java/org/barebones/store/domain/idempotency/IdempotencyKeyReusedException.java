package org.barebones.store.domain.idempotency;

import org.barebones.store.domain.shared.DomainException;

/** Failure: a key already answered one request was sent with another; nothing was done. */
public class IdempotencyKeyReusedException extends DomainException {
  private static final long serialVersionUID = 1L;

  public IdempotencyKeyReusedException() {
    super(
        Kind.INVALID,
        "idempotency-key-reused",
        "Idempotency key reused",
        "This Idempotency-Key was used for another request (another operation or body); send a"
            + " fresh key for a new request");
  }
}

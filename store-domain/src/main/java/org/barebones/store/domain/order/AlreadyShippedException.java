package org.barebones.store.domain.order;

import org.barebones.store.domain.shared.ConflictException;

/** Failure: a cancellation found nothing it asked for still pending: it was shipped already. */
public class AlreadyShippedException extends ConflictException {
  private static final long serialVersionUID = 1L;

  public AlreadyShippedException(OrderId id) {
    super(
        "already-shipped",
        "Already shipped",
        "Nothing of order " + id + " that this caller may cancel is still pending");
  }
}

package org.barebones.store.domain.idempotency;

import java.util.Objects;

/**
 * Result: the answer to give a request sent with a key, and whether it is a replay (the request was
 * not carried out again; this is the answer kept from the first time).
 */
public record IdempotentOutcome(KeptAnswer answer, boolean replayed) {
  public IdempotentOutcome {
    Objects.requireNonNull(answer, "answer");
  }
}

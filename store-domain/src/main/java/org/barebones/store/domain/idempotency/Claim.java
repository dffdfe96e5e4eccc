package org.barebones.store.domain.idempotency;

import java.util.Objects;

/** Result: what a unit of work found when it claimed an owner's key. */
public sealed interface Claim {

  /** The key was free: the unit of work holds it until it ends, and keeps its answer in it. */
  record Claimed() implements Claim {}

  /** An answer is kept for the key, and still holds. */
  record Kept(IdempotencyRecord record) implements Claim {
    public Kept {
      Objects.requireNonNull(record, "record");
    }
  }

  /** Another unit of work holds the key now: its request is still being carried out. */
  record InUse() implements Claim {}

  Claim CLAIMED = new Claimed();
  Claim IN_USE = new InUse();
}

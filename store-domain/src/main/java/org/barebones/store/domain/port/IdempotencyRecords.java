package org.barebones.store.domain.port;

import java.time.Instant;
import java.util.Optional;
import org.barebones.store.domain.idempotency.Claim;
import org.barebones.store.domain.idempotency.IdempotencyKey;
import org.barebones.store.domain.idempotency.IdempotencyOwner;
import org.barebones.store.domain.idempotency.IdempotencyRecord;

/**
 * Outgoing port: keeps the answers given to requests sent with an idempotency key, in the unit of
 * work of the change each answers for, so that an answer is kept exactly when its change committed.
 */
public interface IdempotencyRecords {

  /**
   * In the current unit of work, takes {@code owner}'s {@code key}, or says what holds it: {@link
   * Claim.Kept} when a record is kept that is live at {@code now}; {@link Claim.InUse} when another
   * unit of work holds the key now (an adapter whose units of work run one at a time may instead
   * wait for it to end); else {@link Claim.Claimed}, and the key is this unit of work's until it
   * ends: a record that expired is replaced. Only meaningful inside {@link Transactions}.
   */
  Claim claim(IdempotencyOwner owner, IdempotencyKey key, Instant now);

  /**
   * Keeps {@code record} for its owner's key, in the unit of work that claimed that key.
   *
   * @throws IllegalStateException if this unit of work did not claim the key
   */
  void keep(IdempotencyRecord record);

  /** The record kept for {@code owner}'s {@code key}, expired or not, as committed. */
  Optional<IdempotencyRecord> find(IdempotencyOwner owner, IdempotencyKey key);

  /**
   * Deletes up to {@code limit} records expired at {@code now} (expiry at or before it), in one
   * short unit of work of its own, and returns how many it deleted. A record another unit of work
   * holds is skipped, and each is checked again to be expired as it is deleted, so that several
   * sweepers (on several nodes) and the requests that replace expired keys never race.
   */
  int deleteExpired(Instant now, int limit);
}

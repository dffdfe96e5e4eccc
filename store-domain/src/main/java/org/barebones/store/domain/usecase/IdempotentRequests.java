package org.barebones.store.domain.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.barebones.store.domain.idempotency.Claim;
import org.barebones.store.domain.idempotency.IdempotencyKeyInUseException;
import org.barebones.store.domain.idempotency.IdempotencyKeyReusedException;
import org.barebones.store.domain.idempotency.IdempotencyRecord;
import org.barebones.store.domain.idempotency.IdempotentOutcome;
import org.barebones.store.domain.idempotency.IdempotentRequest;
import org.barebones.store.domain.idempotency.KeptAnswer;
import org.barebones.store.domain.port.IdempotencyRecords;
import org.barebones.store.domain.port.Transactions;
import org.barebones.store.domain.shared.DomainException;

/**
 * Use case: carries out a request sent with an idempotency key at most once per owner and key, and
 * answers its retries with the answer it got the first time.
 *
 * <ul>
 *   <li>The first request with a key is carried out, and its answer is kept for the retention, in
 *       the same unit of work as its change: the answer is kept exactly when the change committed.
 *   <li>The same key with the same fingerprint, while the answer is kept: not carried out; the kept
 *       answer, as a replay.
 *   <li>The same key with another fingerprint: {@link IdempotencyKeyReusedException}, nothing done.
 *   <li>The same key while its first request is being carried out (on this node or another): {@link
 *       IdempotencyKeyInUseException}, nothing done.
 *   <li>A request refused by a rule of the store (a {@link DomainException}: invalid input, a taken
 *       username...) changed nothing; its answer is kept all the same, in a unit of work of its
 *       own. A request that could not be carried out is not kept, so that its retry is carried out:
 *       the store was unavailable, the caller was told to slow down ({@code RATE_LIMITED}), or the
 *       adapter failed with anything else than a domain failure.
 * </ul>
 */
public final class IdempotentRequests {

  /** How long the answers are kept by default: a day, as Stripe and Spree keep theirs. */
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

  /** How soon a request that found its key in use is told to try again. */
  public static final Duration IN_USE_RETRY_AFTER = Duration.ofSeconds(1);

  private final IdempotencyRecords records;
  private final Transactions transactions;
  private final Clock clock;
  private final Duration retention;

  /**
   * The keys being carried out in this process: a second request with one of them is answered "in
   * use" at once, without a database round trip or a connection. Other nodes' requests are the
   * port's business ({@link IdempotencyRecords#claim}).
   */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  public IdempotentRequests(
      IdempotencyRecords records, Transactions transactions, Clock clock, Duration retention) {
    this.records = Objects.requireNonNull(records, "records");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive");
    }
  }

  public Duration retention() {
    return retention;
  }

  /**
   * Carries out {@code work} for {@code request}, or answers from what is kept for its key.
   *
   * @param work carries the request out and renders its answer; runs inside the unit of work that
   *     keeps the answer, so its repository calls take part in it (and it may run again if the
   *     database asks for a retry)
   * @param refusal renders the answer to a domain failure of {@code work}, to be kept
   * @throws IdempotencyKeyReusedException if the key was kept for another request
   * @throws IdempotencyKeyInUseException if the key is held by a request being carried out
   */
  public IdempotentOutcome perform(
      IdempotentRequest request,
      Supplier<KeptAnswer> work,
      Function<DomainException, KeptAnswer> refusal) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(refusal, "refusal");
    String slot = request.owner().value() + '\n' + request.key().value();
    if (!inFlight.add(slot)) {
      throw new IdempotencyKeyInUseException(IN_USE_RETRY_AFTER);
    }
    try {
      try {
        return transactions.inTransaction(() -> carryOut(request, work));
      } catch (DomainException failure) {
        if (!isRefusal(failure)) {
          throw failure;
        }
        KeptAnswer answer = Objects.requireNonNull(refusal.apply(failure), "refusal answer");
        return transactions.inTransaction(() -> keepRefusal(request, answer));
      }
    } finally {
      inFlight.remove(slot);
    }
  }

  /**
   * Whether {@code failure} is the store refusing the request (its answer is kept), rather than
   * this use case's own answer or a request that could not be carried out (not kept).
   */
  private static boolean isRefusal(DomainException failure) {
    return !(failure instanceof IdempotencyKeyReusedException
        || failure instanceof IdempotencyKeyInUseException
        || failure.kind() == DomainException.Kind.UNAVAILABLE
        || failure.kind() == DomainException.Kind.RATE_LIMITED);
  }

  private IdempotentOutcome carryOut(IdempotentRequest request, Supplier<KeptAnswer> work) {
    Instant now = clock.instant();
    Claim claim = records.claim(request.owner(), request.key(), now);
    if (!(claim instanceof Claim.Claimed)) {
      return answerFromClaim(request, claim);
    }
    KeptAnswer answer = Objects.requireNonNull(work.get(), "work answered null");
    records.keep(record(request, answer, now));
    return new IdempotentOutcome(answer, false);
  }

  /**
   * Keeps a refusal, unless another request with the key came through in the meantime (between the
   * refused unit of work and this one): then that one's answer is the key's.
   */
  private IdempotentOutcome keepRefusal(IdempotentRequest request, KeptAnswer answer) {
    Instant now = clock.instant();
    Claim claim = records.claim(request.owner(), request.key(), now);
    if (!(claim instanceof Claim.Claimed)) {
      return answerFromClaim(request, claim);
    }
    records.keep(record(request, answer, now));
    return new IdempotentOutcome(answer, false);
  }

  private static IdempotentOutcome answerFromClaim(IdempotentRequest request, Claim claim) {
    if (claim instanceof Claim.Kept kept) {
      if (!kept.record().fingerprint().equals(request.fingerprint())) {
        throw new IdempotencyKeyReusedException();
      }
      return new IdempotentOutcome(kept.record().answer(), true);
    }
    throw new IdempotencyKeyInUseException(IN_USE_RETRY_AFTER);
  }

  private IdempotencyRecord record(IdempotentRequest request, KeptAnswer answer, Instant now) {
    return new IdempotencyRecord(
        request.owner(), request.key(), request.fingerprint(), answer, now, now.plus(retention));
  }
}

package org.barebones.store.domain.usecase;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.idempotency.IdempotencyKey;
import org.barebones.store.domain.idempotency.IdempotencyKeyInUseException;
import org.barebones.store.domain.idempotency.IdempotencyKeyReusedException;
import org.barebones.store.domain.idempotency.IdempotencyOwner;
import org.barebones.store.domain.idempotency.IdempotentOutcome;
import org.barebones.store.domain.idempotency.IdempotentRequest;
import org.barebones.store.domain.idempotency.KeptAnswer;
import org.barebones.store.domain.idempotency.RequestFingerprint;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.shared.DomainException;
import org.barebones.store.domain.shared.InvalidInputException;
import org.barebones.store.domain.shared.StoreUnavailableException;
import org.barebones.store.domain.shared.TooManyAttemptsException;
import org.junit.jupiter.api.Test;

/** The rule of idempotent requests, on the in-memory adapters and a clock that stands still. */
class IdempotentRequestsTest {

  private static final Duration RETENTION = Duration.ofHours(24);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final StorePersistence persistence = Store.inMemoryPersistence(Store.DEFAULT_CURRENCY);
  private final IdempotentRequests requests =
      new IdempotentRequests(
          persistence.idempotency(), persistence.transactions(), clock, RETENTION);
  private final AtomicInteger carriedOut = new AtomicInteger();
  private final IdempotencyOwner owner = IdempotencyOwner.clientAddress("203.0.113.7");
  private final IdempotencyKey key = new IdempotencyKey(UUID.randomUUID().toString());

  private IdempotentRequest request(String body) {
    return new IdempotentRequest(
        owner, key, RequestFingerprint.of("POST /api/products", body.getBytes(UTF_8)));
  }

  private Supplier<KeptAnswer> work(String answer) {
    return () -> {
      int n = carriedOut.incrementAndGet();
      return new KeptAnswer(200, List.of(), (answer + " #" + n).getBytes(UTF_8));
    };
  }

  private static final Function<DomainException, KeptAnswer> REFUSAL =
      e -> new KeptAnswer(422, List.of(), e.code().getBytes(UTF_8));

  @Test
  void aRetry_isNotCarriedOut_andGetsTheFirstAnswer() {
    IdempotentOutcome first = requests.perform(request("tea"), work("made"), REFUSAL);
    IdempotentOutcome again = requests.perform(request("tea"), work("made"), REFUSAL);

    assertThat(carriedOut).hasValue(1);
    assertThat(first.replayed()).isFalse();
    assertThat(again.replayed()).isTrue();
    assertThat(again.answer()).isEqualTo(first.answer());
  }

  @Test
  void anotherRequestWithTheKey_isRefused_andNotCarriedOut() {
    requests.perform(request("tea"), work("made"), REFUSAL);
    assertThatThrownBy(() -> requests.perform(request("coffee"), work("made"), REFUSAL))
        .isInstanceOf(IdempotencyKeyReusedException.class);
    assertThat(carriedOut).hasValue(1);
  }

  @Test
  void theAnswerHoldsForTheRetention_thenTheKeyIsFree() {
    requests.perform(request("tea"), work("made"), REFUSAL);
    clock.advance(RETENTION.minusMillis(1));
    assertThat(requests.perform(request("tea"), work("made"), REFUSAL).replayed()).isTrue();
    clock.advance(Duration.ofMillis(1));
    IdempotentOutcome later = requests.perform(request("coffee"), work("made"), REFUSAL);
    assertThat(later.replayed()).isFalse();
    assertThat(carriedOut).hasValue(2);
  }

  @Test
  void aRefusal_isKept() {
    Supplier<KeptAnswer> refused =
        () -> {
          carriedOut.incrementAndGet();
          throw new InvalidInputException("title", "must not be blank");
        };
    IdempotentOutcome first = requests.perform(request("bad"), refused, REFUSAL);
    IdempotentOutcome again = requests.perform(request("bad"), refused, REFUSAL);

    assertThat(first.answer().status()).isEqualTo(422);
    assertThat(new String(first.answer().body(), UTF_8)).isEqualTo("validation");
    assertThat(again.replayed()).isTrue();
    assertThat(again.answer()).isEqualTo(first.answer());
    assertThat(carriedOut).hasValue(1);
  }

  @Test
  void anUnavailableStore_aRateLimit_orAnAdapterFailure_keepNothing_soTheRetryIsCarriedOut() {
    List<RuntimeException> failures =
        List.of(
            new StoreUnavailableException("down", null),
            new TooManyAttemptsException("slow down", Duration.ofSeconds(3)),
            new IllegalStateException("a bug"));
    for (RuntimeException failure : failures) {
      assertThatThrownBy(
              () ->
                  requests.perform(
                      request("tea"),
                      () -> {
                        throw failure;
                      },
                      REFUSAL))
          .isSameAs(failure);
      assertThat(persistence.idempotency().find(owner, key)).as(failure.toString()).isEmpty();
    }
    assertThat(requests.perform(request("tea"), work("made"), REFUSAL).replayed()).isFalse();
    assertThat(carriedOut).hasValue(1);
  }

  @Test
  void theSameKeyWhileTheFirstIsCarriedOut_isInUse_andNotCarriedOut() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<IdempotentOutcome> first =
        CompletableFuture.supplyAsync(
            () ->
                requests.perform(
                    request("tea"),
                    () -> {
                      started.countDown();
                      try {
                        finish.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return work("made").get();
                    },
                    REFUSAL));
    try {
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> requests.perform(request("tea"), work("made"), REFUSAL))
          .isInstanceOfSatisfying(
              IdempotencyKeyInUseException.class,
              e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
      // Another owner's same key is not held.
      IdempotentRequest neighbour =
          new IdempotentRequest(
              IdempotencyOwner.clientAddress("203.0.113.8"), key, request("tea").fingerprint());
      CompletableFuture<IdempotentOutcome> theirs =
          CompletableFuture.supplyAsync(() -> requests.perform(neighbour, work("theirs"), REFUSAL));
      finish.countDown();
      assertThat(theirs.get(10, TimeUnit.SECONDS).replayed()).isFalse();
    } finally {
      finish.countDown();
    }
    assertThat(first.get(10, TimeUnit.SECONDS).replayed()).isFalse();
    assertThat(carriedOut).hasValue(2);
    assertThat(requests.perform(request("tea"), work("made"), REFUSAL).replayed()).isTrue();
  }

  @Test
  void theSweep_removesExactlyTheExpiredRecords() {
    ExpireIdempotencyRecords sweep =
        new ExpireIdempotencyRecords(persistence.idempotency(), clock, 2);
    IdempotencyOwner early = IdempotencyOwner.clientAddress("198.51.100.1");
    for (int i = 0; i < 5; i++) {
      requests.perform(
          new IdempotentRequest(
              early, new IdempotencyKey("early-" + i), RequestFingerprint.of("x", new byte[0])),
          work("early"),
          REFUSAL);
    }
    clock.advance(Duration.ofSeconds(1));
    requests.perform(request("late"), work("late"), REFUSAL);

    clock.advance(RETENTION.minusSeconds(1));
    assertThat(sweep.expireAll(10)).as("the early ones, at their expiry").isEqualTo(5);
    assertThat(persistence.idempotency().find(owner, key)).isPresent();
    assertThat(sweep.expireAll(10)).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(sweep.expireBatch()).isEqualTo(1);
  }
}

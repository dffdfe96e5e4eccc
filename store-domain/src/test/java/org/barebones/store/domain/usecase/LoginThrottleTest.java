package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.barebones.store.domain.support.Thrown.thrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.fixtures.Fixtures;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.fixtures.Race;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.port.PasswordHasher;
import org.barebones.store.domain.producer.Password;
import org.barebones.store.domain.shared.DomainException;
import org.barebones.store.domain.shared.TooManyAttemptsException;
import org.barebones.store.domain.shared.UnauthenticatedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginThrottleTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final int MAX_FAILURES = 3;
  private static final Duration WINDOW = Duration.ofMinutes(15);
  private static final int THREADS = 64;

  private final MutableClock clock = Fixtures.aClock();

  /** The policy on its own. */
  @Nested
  class Policy {
    private final LoginThrottle throttle = new LoginThrottle(clock, MAX_FAILURES, WINDOW);

    @Test
    void belowTheLimit_allows() {
      fail("ada", "", MAX_FAILURES - 1);

      assertThat(throttleWait("ada", "")).isNull();
    }

    @Test
    void atTheLimit_refusesUntilTheWindowEnds() {
      fail("ada", "", 1);
      clock.advance(Duration.ofMinutes(1));
      fail("ada", "", 1);
      clock.advance(Duration.ofMinutes(1));
      fail("ada", "", 1);
      clock.advance(Duration.ofMinutes(1));

      assertThat(throttleWait("ada", "")).isEqualTo(Duration.ofMinutes(12));
      clock.advance(Duration.ofMinutes(12).minusSeconds(1));
      assertThat(throttleWait("ada", "")).isEqualTo(Duration.ofSeconds(1));
      clock.advance(Duration.ofSeconds(1));
      assertThat(throttleWait("ada", "")).isNull();
    }

    @Test
    void afterTheWindow_countsAfresh() {
      fail("ada", "", MAX_FAILURES);
      clock.advance(WINDOW);

      fail("ada", "", MAX_FAILURES - 1);

      assertThat(throttleWait("ada", "")).isNull();
    }

    /**
     * One failure each of three attempts ({@code username@origin}) that count together: the next
     * attempt of that count waits the window, attempts outside it do not.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            usernames are counted ignoring case    | Ada@ ADA@ ada@                         | aDa@         |
            an origin is limited across usernames  | ada@10.0.0.1 bob@10.0.0.1 cyd@10.0.0.1 | dan@10.0.0.1 | dan@10.0.0.2 dan@
            strangers share one count per username | ada@10.0.0.1 ada@10.0.0.2 ada@10.0.0.3 | ada@10.0.0.4 | bob@10.0.0.4
            """)
    void failuresCountedTogether_limitTheNextAttemptOfTheirCount(
        String what, String failures, String limited, String free) {
      for (String attempt : failures.split(" ")) {
        fail(usernameOf(attempt), originOf(attempt), 1);
      }

      assertThat(throttleWait(usernameOf(limited), originOf(limited))).isEqualTo(WINDOW);
      for (String attempt : free == null ? new String[0] : free.split(" ")) {
        assertThat(throttleWait(usernameOf(attempt), originOf(attempt))).as(attempt).isNull();
      }
    }

    @Test
    void eachUsername_hasItsOwnCount() {
      fail("ada", "", MAX_FAILURES);

      assertThat(throttleWait("bob", "")).isNull();
    }

    @Test
    void aSuccess_givesItsReservedFailureBack() {
      fail("ada", "10.0.0.1", MAX_FAILURES - 1);
      throttle.begin("ada", "10.0.0.1").succeeded();

      fail("ada", "10.0.0.1", 1);
      assertThat(throttleWait("ada", "10.0.0.1")).isEqualTo(WINDOW);
    }

    @Test
    void aCancelledAttempt_countsNothing_andSettlingTwiceChangesNothing() {
      for (int i = 0; i < 10 * MAX_FAILURES; i++) {
        LoginThrottle.Attempt attempt = throttle.begin("ada", "10.0.0.1");
        attempt.cancelled();
        attempt.failed();
        attempt.cancelled();
      }

      assertThat(throttleWait("ada", "10.0.0.1")).isNull();
    }

    @Test
    void theOwnersKnownAddress_isNotLockedOutByStrangers_butTheBackstopHolds() {
      LoginThrottle throttle = new LoginThrottle(clock, 3, WINDOW, 5, Duration.ofHours(1), 1000);
      throttle.begin("ada", "10.0.0.1").succeeded();
      throttle.begin("ada", "10.0.0.2").succeeded();
      for (int i = 0; i < 3; i++) {
        throttle.begin("ada", "192.0.2." + i).failed();
      }

      // Strangers are out, the owner's addresses are not.
      assertThat(waitOf(throttle, "ada", "192.0.2.77")).isEqualTo(WINDOW);
      throttle.begin("ada", "10.0.0.1").failed();
      // Five failures from anywhere: the backstop closes the username for its hour.
      throttle.begin("ada", "10.0.0.2").failed();
      assertThat(waitOf(throttle, "ada", "10.0.0.1")).isEqualTo(Duration.ofHours(1));
      clock.advance(Duration.ofHours(1));
      assertThat(waitOf(throttle, "ada", "10.0.0.1")).isNull();
    }

    @Test
    void theLongerOfTwoWaits_isReported() {
      fail("ada", "", MAX_FAILURES);
      clock.advance(Duration.ofMinutes(5));
      fail("bob", "10.0.0.1", MAX_FAILURES);

      assertThat(throttleWait("ada", "10.0.0.1")).isEqualTo(WINDOW);
    }

    @Test
    void aRaceOf64_reservesExactlyMaxFailures() throws Exception {
      Map<String, Integer> outcomes =
          Race.tally(
              THREADS,
              () -> {
                throttle.begin("ada", "10.0.0.1").failed();
                return "reserved";
              });

      assertThat(outcomes)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("reserved", MAX_FAILURES, "TooManyAttemptsException", THREADS - MAX_FAILURES));
    }

    @Test
    void memory_staysBounded_andEndedWindowsAreDropped() {
      LoginThrottle bounded = new LoginThrottle(clock, 3, WINDOW, 30, WINDOW, 100);
      for (int i = 0; i < 10_000; i++) {
        bounded.begin("user" + i, "10.1." + (i / 250) + "." + (i % 250)).failed();
      }
      // Addresses, usernames from strangers, backstops: 100 each at most.
      assertThat(bounded.trackedKeys()).isEqualTo(300);

      clock.advance(WINDOW);
      bounded.begin("one more", "10.2.0.1").failed();
      assertThat(bounded.trackedKeys()).isEqualTo(3);
    }

    @Test
    void disabled_neverRefuses() {
      LoginThrottle disabled = LoginThrottle.disabled();
      for (int i = 0; i < 1000; i++) {
        disabled.begin("ada", "10.0.0.1").failed();
      }

      disabled.begin("ada", "10.0.0.1").succeeded();
    }

    @Test
    void nonsenseSettings_areRefused() {
      assertThatThrownBy(() -> new LoginThrottle(clock, 0, WINDOW))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new LoginThrottle(clock, 3, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new LoginThrottle(clock, 3, WINDOW, 2, WINDOW, 10))
          .as("a backstop stricter than the throttle")
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new LoginThrottle(clock, 3, WINDOW, 30, Duration.ofMinutes(1), 10))
          .isInstanceOf(IllegalArgumentException.class);
    }

    private static String usernameOf(String attempt) {
      return attempt.substring(0, attempt.indexOf('@'));
    }

    private static String originOf(String attempt) {
      return attempt.substring(attempt.indexOf('@') + 1);
    }

    private void fail(String username, String origin, int times) {
      for (int i = 0; i < times; i++) {
        throttle.begin(username, origin).failed();
      }
    }

    /** How long the throttle asks to wait, or null if it allows the attempt. */
    private Duration throttleWait(String username, String origin) {
      return waitOf(throttle, username, origin);
    }
  }

  /** How long {@code throttle} asks to wait, or null if it allows (and cancels) an attempt. */
  private static Duration waitOf(LoginThrottle throttle, String username, String origin) {
    try {
      throttle.begin(username, origin).cancelled();
      return null;
    } catch (TooManyAttemptsException e) {
      return e.retryAfter();
    }
  }

  /** The policy as logging in applies it. */
  @Nested
  class WhenLoggingIn {
    private Store store;
    private Scenario shop;

    @BeforeEach
    void storeWithAStrictThrottle() {
      store =
          Fixtures.testStoreBuilder(clock)
              .loginThrottle(new LoginThrottle(clock, MAX_FAILURES, WINDOW))
              .inMemoryPersistence()
              .build();
      shop = Scenario.over(store, clock);
      shop.aProducer().named("ada").withPassword(PASSWORD).register();
      shop.aProducer().named("bob").withPassword(PASSWORD).register();
    }

    @Test
    void afterTooManyWrongPasswords_evenTheRightOneIsRefused_withARetryAfter() {
      failLogIns("ada", "", MAX_FAILURES);
      clock.advance(Duration.ofMinutes(2));

      TooManyAttemptsException e =
          thrownBy(TooManyAttemptsException.class, () -> logIn("ada", PASSWORD, ""));

      assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(13));
      assertThat(e.kind()).isEqualTo(DomainException.Kind.RATE_LIMITED);
      assertThat(e.code()).isEqualTo("too-many-attempts");
      assertThat(e.detail()).contains("780 s");
    }

    @Test
    void onceTheWindowHasPassed_theRightPasswordWorksAgain() {
      failLogIns("ada", "", MAX_FAILURES);
      clock.advance(WINDOW);

      assertThat(logIn("ada", PASSWORD, "").producer().username().value()).isEqualTo("ada");
    }

    @Test
    void aSuccess_isNotCountedAsAFailure() {
      failLogIns("ada", "", MAX_FAILURES - 1);
      logIn("ada", PASSWORD, "");
      logIn("ada", PASSWORD, "");

      assertThat(logIn("ada", PASSWORD, "").producer().username().value()).isEqualTo("ada");
    }

    @Test
    void unknownUsernames_areThrottledToo() {
      failLogIns("nobody", "", MAX_FAILURES);

      assertThatThrownBy(() -> logIn("nobody", PASSWORD, ""))
          .isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void oneOriginTryingManyUsernames_isThrottled_othersAreNot() {
      failLogIns("ada", "10.0.0.9", 1);
      failLogIns("bob", "10.0.0.9", 1);
      failLogIns("cyd", "10.0.0.9", 1);

      assertThatThrownBy(() -> logIn("bob", PASSWORD, "10.0.0.9"))
          .isInstanceOf(TooManyAttemptsException.class);
      assertThat(logIn("bob", PASSWORD, "10.0.0.10").producer().username().value())
          .isEqualTo("bob");
    }

    @Test
    void aThrottledUsername_doesNotLockOutOtherProducers() {
      failLogIns("ada", "", MAX_FAILURES);

      assertThat(logIn("bob", PASSWORD, "").producer().username().value()).isEqualTo("bob");
    }

    @Test
    void aStrangerGuessingFromElsewhere_doesNotLockTheOwnerOutOfItsUsualAddress() {
      logIn("ada", PASSWORD, "10.0.0.1");
      failLogIns("ada", "203.0.113.5", MAX_FAILURES);

      assertThat(logIn("ada", PASSWORD, "10.0.0.1").producer().username().value()).isEqualTo("ada");
      assertThatThrownBy(() -> logIn("ada", PASSWORD, "203.0.113.6"))
          .as("another stranger")
          .isInstanceOf(TooManyAttemptsException.class);
    }

    private AuthenticatedProducer logIn(String username, String password, String origin) {
      return store.logInProducer().logIn(new LogInCommand(username, password, origin));
    }

    private void failLogIns(String username, String origin, int times) {
      for (int i = 0; i < times; i++) {
        assertThatThrownBy(() -> logIn(username, "wrong password", origin))
            .isInstanceOf(UnauthenticatedException.class);
      }
    }
  }

  /**
   * 64 wrong passwords for one username from one address at the same instant: exactly {@code
   * maxFailures} reach the password check. The hasher holds every check until each of the 64 has
   * either reached it or been refused, so the race is as wide as it can be.
   */
  @Nested
  class UnderARace {
    private final AtomicInteger checks = new AtomicInteger();

    /** Counted down by each racer once it is checked or refused. */
    private final CountDownLatch arrived = new CountDownLatch(THREADS);

    private void refuse() {
      arrived.countDown();
    }

    /**
     * Counts checks; each waits until all racers have arrived somewhere, then says "wrong". The
     * wait blocks rather than spins, so that on a busy machine the racers still on their way get
     * the CPU to arrive.
     */
    private final PasswordHasher holdingHasher =
        new PasswordHasher() {
          private final PasswordHasher real = Fixtures.cheapHasher();

          @Override
          public String hash(Password password) {
            return real.hash(password);
          }

          @Override
          public boolean matches(Password password, String encodedHash) {
            checks.incrementAndGet();
            arrived.countDown();
            try {
              arrived.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return false;
          }

          @Override
          public String decoyHash() {
            return real.decoyHash();
          }
        };

    @Test
    void sixtyFourConcurrentWrongPasswords_makeExactlyMaxFailuresChecks() throws Exception {
      Store store =
          Fixtures.testStoreBuilder(clock)
              .passwordHasher(holdingHasher)
              .loginThrottle(new LoginThrottle(clock, MAX_FAILURES, WINDOW))
              .passwordHashingGate(PasswordHashingGate.open())
              .inMemoryPersistence()
              .build();
      Scenario.over(store, clock).aProducer().named("ada").withPassword(PASSWORD).register();

      Map<String, Integer> outcomes =
          Race.tally(
              THREADS,
              () -> {
                try {
                  store.logInProducer().logIn(new LogInCommand("ada", "guess", "10.0.0.1"));
                  return "logged in";
                } catch (TooManyAttemptsException e) {
                  refuse();
                  throw e;
                }
              });

      assertThat(checks.get()).isEqualTo(MAX_FAILURES);
      assertThat(outcomes)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "UnauthenticatedException",
                  MAX_FAILURES,
                  "TooManyAttemptsException",
                  THREADS - MAX_FAILURES));
    }

    /**
     * The control: the throttle's former shape (ask whether failures remain, check the password,
     * then record the failure) lets every racer through to the check with this same hasher.
     */
    @Test
    void theControl_checkThenRecord_letsAll64Through() throws Exception {
      AtomicInteger failures = new AtomicInteger();
      String hash = Fixtures.cheapHasher().hash(Password.of(PASSWORD));

      Race.tally(
          THREADS,
          () -> {
            if (failures.get() >= MAX_FAILURES) {
              refuse();
              return "refused";
            }
            holdingHasher.matches(Password.asTyped("guess"), hash);
            failures.incrementAndGet();
            return "failed";
          });

      assertThat(checks.get()).isEqualTo(THREADS);
    }
  }
}

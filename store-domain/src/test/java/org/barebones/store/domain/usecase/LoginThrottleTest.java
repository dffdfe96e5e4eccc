package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.barebones.store.domain.support.Thrown.thrownBy;

import java.time.Duration;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.fixtures.Fixtures;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.shared.DomainException;
import org.barebones.store.domain.shared.TooManyAttemptsException;
import org.barebones.store.domain.shared.UnauthenticatedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final int MAX_FAILURES = 3;
  private static final Duration WINDOW = Duration.ofMinutes(15);

  private final MutableClock clock = Fixtures.aClock();

  /** The policy on its own. */
  @Nested
  class Policy {
    private final LoginThrottle throttle = new LoginThrottle(clock, MAX_FAILURES, WINDOW);

    @Test
    void belowTheLimit_allows() {
      throttle.recordFailure("ada", "");
      throttle.recordFailure("ada", "");

      throttle.checkAllowed("ada", "");
      assertThat(throttleWait("ada", "")).isNull();
    }

    @Test
    void atTheLimit_refusesUntilTheWindowEnds() {
      throttle.recordFailure("ada", "");
      clock.advance(Duration.ofMinutes(1));
      throttle.recordFailure("ada", "");
      clock.advance(Duration.ofMinutes(1));
      throttle.recordFailure("ada", "");
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

      throttle.recordFailure("ada", "");
      throttle.recordFailure("ada", "");

      assertThat(throttleWait("ada", "")).isNull();
    }

    @Test
    void usernames_areCountedIgnoringCase() {
      throttle.recordFailure("Ada", "");
      throttle.recordFailure("ADA", "");
      throttle.recordFailure("ada", "");

      assertThat(throttleWait("aDa", "")).isEqualTo(WINDOW);
    }

    @Test
    void eachUsername_hasItsOwnCount() {
      fail("ada", "", MAX_FAILURES);

      assertThat(throttleWait("bob", "")).isNull();
    }

    @Test
    void anOrigin_isLimitedAcrossUsernames() {
      throttle.recordFailure("ada", "10.0.0.1");
      throttle.recordFailure("bob", "10.0.0.1");
      throttle.recordFailure("cyd", "10.0.0.1");

      assertThat(throttleWait("dan", "10.0.0.1")).isEqualTo(WINDOW);
      assertThat(throttleWait("dan", "10.0.0.2")).isNull();
      assertThat(throttleWait("dan", "")).isNull();
    }

    @Test
    void aSuccess_clearsItsUsername_butNotItsOrigin() {
      fail("ada", "10.0.0.1", MAX_FAILURES);

      throttle.recordSuccess("ada", "10.0.0.1");

      assertThat(throttleWait("ada", "")).isNull();
      assertThat(throttleWait("ada", "10.0.0.1")).isEqualTo(WINDOW);
    }

    @Test
    void theLongerOfTwoWaits_isReported() {
      fail("ada", "", MAX_FAILURES);
      clock.advance(Duration.ofMinutes(5));
      fail("bob", "10.0.0.1", MAX_FAILURES);

      assertThat(throttleWait("ada", "10.0.0.1")).isEqualTo(WINDOW);
    }

    @Test
    void disabled_neverRefuses() {
      LoginThrottle disabled = LoginThrottle.disabled();
      for (int i = 0; i < 1000; i++) {
        disabled.recordFailure("ada", "10.0.0.1");
      }

      disabled.checkAllowed("ada", "10.0.0.1");
    }

    @Test
    void nonsenseSettings_areRefused() {
      assertThatThrownBy(() -> new LoginThrottle(clock, 0, WINDOW))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new LoginThrottle(clock, 3, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
    }

    private void fail(String username, String origin, int times) {
      for (int i = 0; i < times; i++) {
        throttle.recordFailure(username, origin);
      }
    }

    /** How long the throttle asks to wait, or null if it allows the attempt. */
    private Duration throttleWait(String username, String origin) {
      try {
        throttle.checkAllowed(username, origin);
        return null;
      } catch (TooManyAttemptsException e) {
        return e.retryAfter();
      }
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
    void aSuccess_clearsTheUsernamesFailures() {
      failLogIns("ada", "", MAX_FAILURES - 1);
      logIn("ada", PASSWORD, "");
      failLogIns("ada", "", MAX_FAILURES - 1);

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
}

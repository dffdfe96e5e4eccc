package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.fixtures.Fixtures;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.fixtures.Race;
import org.barebones.store.domain.port.PasswordHasher;
import org.barebones.store.domain.producer.Password;
import org.barebones.store.domain.shared.PageRequest;
import org.barebones.store.domain.shared.TooManyAttemptsException;
import org.junit.jupiter.api.Test;

class SignUpLimitTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final int THREADS = 64;

  private final MutableClock clock = Fixtures.aClock();

  @Test
  void pastTheLimit_anAddressIsRefusedUntilTheWindowEnds_otherAddressesAreNot() {
    SignUpLimit limit = new SignUpLimit(clock, 2, Duration.ofHours(1));
    limit.acquire("10.0.0.1");
    clock.advance(Duration.ofMinutes(10));
    limit.acquire("10.0.0.1");

    TooManyAttemptsException e =
        org.barebones.store.domain.support.Thrown.thrownBy(
            TooManyAttemptsException.class, () -> limit.acquire("10.0.0.1"));
    assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(50));
    assertThat(e.detail()).contains("sign-ups").contains("3000 s");
    limit.acquire("10.0.0.2");
    limit.acquire("");

    clock.advance(Duration.ofMinutes(50));
    limit.acquire("10.0.0.1");
  }

  @Test
  void aCountGivenBack_isFreeAgain() {
    SignUpLimit limit = new SignUpLimit(clock, 1, Duration.ofHours(1));
    limit.acquire("10.0.0.1").run();

    limit.acquire("10.0.0.1");
    assertThatThrownBy(() -> limit.acquire("10.0.0.1"))
        .isInstanceOf(TooManyAttemptsException.class);
  }

  @Test
  void off_andTheEmptyAddress_neverRefuse() {
    SignUpLimit off = SignUpLimit.off();
    SignUpLimit limit = new SignUpLimit(clock, 1, Duration.ofHours(1));
    for (int i = 0; i < 100; i++) {
      off.acquire("10.0.0.1");
      limit.acquire("");
    }
    assertThat(off.isOff()).isTrue();
    assertThat(limit.trackedAddresses()).isZero();
  }

  @Test
  void memory_staysBounded() {
    SignUpLimit limit = new SignUpLimit(clock, 1, Duration.ofHours(1), 50);
    for (int i = 0; i < 5_000; i++) {
      limit.acquire("10.0." + (i / 250) + "." + (i % 250));
    }
    assertThat(limit.trackedAddresses()).isEqualTo(50);
    clock.advance(Duration.ofHours(1));
    limit.acquire("10.9.9.9");
    assertThat(limit.trackedAddresses()).isEqualTo(1);
  }

  /**
   * 64 sign-ups from one address at the same instant, with a limit of 5: exactly 5 producers are
   * created and hashed, 59 are refused; the hashes ran one at a time for that address.
   */
  @Test
  void sixtyFourConcurrentSignUps_fromOneAddress_createExactlyTheLimit() throws Exception {
    AtomicInteger hashes = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    PasswordHasher real = Fixtures.cheapHasher();
    PasswordHasher counting =
        new PasswordHasher() {
          @Override
          public String hash(Password password) {
            hashes.incrementAndGet();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
              // Long enough for the racers to pile up behind the gate.
              TimeUnit.MILLISECONDS.sleep(20);
              return real.hash(password);
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            } finally {
              running.decrementAndGet();
            }
          }

          @Override
          public boolean matches(Password password, String encodedHash) {
            return real.matches(password, encodedHash);
          }

          @Override
          public String decoyHash() {
            return real.decoyHash();
          }
        };
    Store store =
        Fixtures.testStoreBuilder(clock)
            .passwordHasher(counting)
            .signUpLimit(new SignUpLimit(clock, 5, Duration.ofHours(1)))
            .passwordHashingGate(new PasswordHashingGate(8, 1, Duration.ofSeconds(30)))
            .inMemoryPersistence()
            .build();
    AtomicInteger n = new AtomicInteger();

    Map<String, Integer> outcomes =
        Race.tally(
            THREADS,
            () -> {
              store
                  .registerProducer()
                  .register(
                      RegisterProducerCommand.of("racer" + n.incrementAndGet(), PASSWORD),
                      "10.0.0.1");
              return "created";
            });

    assertThat(outcomes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("created", 5, "TooManyAttemptsException", THREADS - 5));
    assertThat(hashes.get()).isEqualTo(5);
    assertThat(mostAtOnce.get()).as("hashes at once for one address").isEqualTo(1);
    assertThat(store.listProducers().list(PageRequest.first(100)).items()).hasSize(5);
  }
}

package org.barebones.store.domain.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.fixtures.Fixtures;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.UnauthenticatedException;
import org.junit.jupiter.api.Test;

class InMemoryTokenServiceTest {
  private static final Duration PRODUCER_LIFETIME = Duration.ofHours(24);
  private static final Duration CART_LIFETIME = Duration.ofDays(30);

  private final MutableClock clock = Fixtures.aClock();
  private final InMemoryTokenService tokens =
      new InMemoryTokenService(clock, PRODUCER_LIFETIME, CART_LIFETIME);

  @Test
  void producerToken_verifiesToThatProducer() {
    String token = tokens.issueProducerToken(ProducerId.of(7));

    assertThat(tokens.verify(token)).isEqualTo(new Caller.ProducerCaller(ProducerId.of(7)));
  }

  @Test
  void cartToken_verifiesToTheHolderOfThatCart() {
    String token = tokens.issueCartToken(CartId.of(7));

    Caller caller = tokens.verify(token);

    assertThat(caller).isEqualTo(new Caller.CartHolder(CartId.of(7)));
    assertThat(caller).isNotInstanceOf(Caller.ProducerCaller.class);
  }

  @Test
  void everyIssue_isADifferentToken() {
    String first = tokens.issueCartToken(CartId.of(1));
    String second = tokens.issueCartToken(CartId.of(1));

    assertThat(first).isNotEqualTo(second).hasSizeGreaterThanOrEqualTo(40);
  }

  @Test
  void producerToken_expiresAfterItsLifetime() {
    String token = tokens.issueProducerToken(ProducerId.of(1));

    clock.advance(PRODUCER_LIFETIME.minusSeconds(1));
    assertThat(tokens.verify(token)).isEqualTo(new Caller.ProducerCaller(ProducerId.of(1)));

    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessage("Expired token");
  }

  @Test
  void cartToken_expiresAfterItsLifetime() {
    String token = tokens.issueCartToken(CartId.of(1));

    clock.advance(Duration.ofDays(29));
    assertThat(tokens.verify(token)).isEqualTo(new Caller.CartHolder(CartId.of(1)));

    clock.advance(Duration.ofDays(1));
    assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void unknownOrMissingTokens_areUnauthenticated() {
    tokens.issueProducerToken(ProducerId.of(1));

    assertThatThrownBy(() -> tokens.verify("made-up"))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessage("Unknown token");
    assertThatThrownBy(() -> tokens.verify("")).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> tokens.verify(null)).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void aTokenOfAnotherService_isUnknown() {
    String foreign =
        new InMemoryTokenService(clock, PRODUCER_LIFETIME, CART_LIFETIME)
            .issueProducerToken(ProducerId.of(1));

    assertThatThrownBy(() -> tokens.verify(foreign)).isInstanceOf(UnauthenticatedException.class);
  }
}

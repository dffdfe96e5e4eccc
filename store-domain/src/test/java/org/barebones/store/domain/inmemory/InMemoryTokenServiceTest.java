package org.barebones.store.domain.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.barebones.store.domain.cart.CartId;
import org.barebones.store.domain.fixtures.Fixtures;
import org.barebones.store.domain.fixtures.MutableClock;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.UnauthenticatedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

  static Stream<Arguments> tokenKinds() {
    Function<InMemoryTokenService, String> producer = t -> t.issueProducerToken(ProducerId.of(1));
    Function<InMemoryTokenService, String> cart = t -> t.issueCartToken(CartId.of(1));
    return Stream.of(
        arguments(
            "producer",
            producer,
            new Caller.ProducerCaller(ProducerId.of(1)),
            PRODUCER_LIFETIME,
            Duration.ofSeconds(1)),
        arguments(
            "cart", cart, new Caller.CartHolder(CartId.of(1)), CART_LIFETIME, Duration.ofDays(1)));
  }

  /** Good until {@code lastStep} before its lifetime ends, expired once the lifetime is over. */
  @ParameterizedTest(name = "{0} token")
  @MethodSource("tokenKinds")
  void aToken_expiresAfterItsLifetime(
      String kind,
      Function<InMemoryTokenService, String> issue,
      Caller holder,
      Duration lifetime,
      Duration lastStep) {
    String token = issue.apply(tokens);

    clock.advance(lifetime.minus(lastStep));
    assertThat(tokens.verify(token)).isEqualTo(holder);

    clock.advance(lastStep);
    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessage("Expired token");
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

package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.barebones.store.domain.support.Thrown.thrownBy;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.DomainException;
import org.barebones.store.domain.shared.UnauthenticatedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogInProducerTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final String FAILED = "Wrong username or password";

  private final Scenario shop = Scenario.inMemory();
  private final Store store = shop.store();
  private final AuthenticatedProducer ada =
      shop.aProducer().named("Ada").withPassword(PASSWORD).register();

  @Test
  void logIn_withTheRightPassword_returnsTheProducerAndAFreshTokenNamingIt() {
    AuthenticatedProducer loggedIn =
        store.logInProducer().logIn(new LogInCommand("Ada", PASSWORD, ""));

    assertThat(loggedIn.producer()).isEqualTo(ada.producer());
    assertThat(loggedIn.token()).isNotEqualTo(ada.token());
    assertThat(store.tokens().verify(loggedIn.token()))
        .isEqualTo(new Caller.ProducerCaller(ada.producer().id()));
  }

  @Test
  void logIn_returnsTheProducersProducts() {
    Product lamp = shop.aProduct().ownedBy(ada).titled("Desk lamp").create();
    Product soldOut = shop.aProduct().ownedBy(ada).withStock(0).create();
    shop.aProduct().titled("Someone else's").create();

    AuthenticatedProducer loggedIn =
        store.logInProducer().logIn(new LogInCommand("ada", PASSWORD, ""));

    assertThat(loggedIn.profile().products()).containsExactly(lamp, soldOut);
  }

  @ParameterizedTest
  @CsvSource({"ada", "ADA", "aDa"})
  void logIn_ignoresTheCaseOfTheUsername(String typed) {
    assertThat(store.logInProducer().logIn(new LogInCommand(typed, PASSWORD, "")).producer())
        .isEqualTo(ada.producer());
  }

  @Test
  void logIn_wrongPasswordAndUnknownUsername_failTheSameWay() {
    UnauthenticatedException wrongPassword = failedLogIn("Ada", "wrong password!");
    UnauthenticatedException unknownUser = failedLogIn("nobody", PASSWORD);

    assertThat(wrongPassword.detail()).isEqualTo(FAILED);
    assertThat(unknownUser.detail()).isEqualTo(wrongPassword.detail());
    assertThat(unknownUser.code()).isEqualTo(wrongPassword.code()).isEqualTo("unauthenticated");
    assertThat(unknownUser.kind()).isEqualTo(DomainException.Kind.UNAUTHENTICATED);
  }

  @Test
  void logIn_malformedInput_failsLikeAWrongPassword() {
    assertThat(failedLogIn("a", PASSWORD).detail()).isEqualTo(FAILED);
    assertThat(failedLogIn("ada lovelace", PASSWORD).detail()).isEqualTo(FAILED);
    assertThat(failedLogIn("Ada", "short").detail()).isEqualTo(FAILED);
    assertThat(failedLogIn(null, null).detail()).isEqualTo(FAILED);
    assertThat(failedLogIn("Ada", "").detail()).isEqualTo(FAILED);
  }

  @Test
  void logIn_withThePasswordOfAnotherProducer_fails() {
    shop.aProducer().named("bob").withPassword("bobs own password").register();

    assertThat(failedLogIn("Ada", "bobs own password").detail()).isEqualTo(FAILED);
  }

  @Test
  void command_defaultsMissingFieldsToEmpty_andNeverPrintsThePassword() {
    LogInCommand command = new LogInCommand(null, null, null);
    assertThat(command).isEqualTo(new LogInCommand("", "", ""));
    assertThat(new LogInCommand("ada", PASSWORD, "10.0.0.1").toString())
        .contains("ada", "10.0.0.1")
        .doesNotContain(PASSWORD);
  }

  private UnauthenticatedException failedLogIn(String username, String password) {
    return thrownBy(
        UnauthenticatedException.class,
        () -> store.logInProducer().logIn(new LogInCommand(username, password, "")));
  }
}

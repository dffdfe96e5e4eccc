package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.barebones.store.domain.support.Thrown.thrownBy;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.producer.UsernameTakenException;
import org.barebones.store.domain.shared.DomainException;
import org.barebones.store.domain.shared.InvalidInputException;
import org.barebones.store.domain.shared.PageRequest;
import org.barebones.store.domain.shared.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegisterProducerTest {
  private static final String PASSWORD = "correct horse battery staple";

  private final Scenario shop = Scenario.inMemory();
  private final Store store = shop.store();

  @Test
  void register_returnsTheProducerWithoutProducts_andATokenNamingIt() {
    AuthenticatedProducer ada =
        store.registerProducer().register(RegisterProducerCommand.of("Ada", PASSWORD));

    assertThat(ada.producer().id().value()).isPositive();
    assertThat(ada.producer().username().value()).isEqualTo("Ada");
    assertThat(ada.profile().products()).isEmpty();
    assertThat(store.tokens().verify(ada.token()))
        .isEqualTo(new Caller.ProducerCaller(ada.producer().id()));
    assertThat(store.getProducer().get(ada.producer().id()).producer()).isEqualTo(ada.producer());
  }

  @Test
  void register_storesASaltedHashNamingItsParameters_neverThePassword() {
    AuthenticatedProducer ada =
        store.registerProducer().register(RegisterProducerCommand.of("ada", PASSWORD));
    AuthenticatedProducer bob =
        store.registerProducer().register(RegisterProducerCommand.of("bob", PASSWORD));

    assertThat(ada.producer().passwordHash())
        .startsWith("pbkdf2-sha256$1000$")
        .doesNotContain(PASSWORD)
        .isNotEqualTo(bob.producer().passwordHash());
  }

  @Test
  void register_thenLogIn_withTheSamePassword() {
    AuthenticatedProducer registered =
        store.registerProducer().register(RegisterProducerCommand.of("ada", PASSWORD));

    AuthenticatedProducer loggedIn =
        store.logInProducer().logIn(new LogInCommand("ada", PASSWORD, "10.0.0.1"));

    assertThat(loggedIn.producer()).isEqualTo(registered.producer());
    assertThat(loggedIn.token()).isNotEqualTo(registered.token());
  }

  @ParameterizedTest
  @CsvSource({"ada,ada", "ada,ADA", "Ada.L,ada.l", "ADA_1,Ada_1"})
  void register_aUsernameTakenInAnyCase_isAConflict(String first, String second) {
    store.registerProducer().register(RegisterProducerCommand.of(first, PASSWORD));

    UsernameTakenException e =
        thrownBy(
            UsernameTakenException.class,
            () -> store.registerProducer().register(RegisterProducerCommand.of(second, PASSWORD)));

    assertThat(e.code()).isEqualTo("username-taken");
    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
    assertThat(e.detail()).contains(second);
    assertThat(store.listProducers().list(PageRequest.first()).items()).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ab                  | must be 3 to 64 characters",
        "ada lovelace        | may contain only letters, digits, '_', '.' and '-'",
        "ada@example.com     | may contain only letters, digits, '_', '.' and '-'",
        "ädä                 | may contain only letters, digits, '_', '.' and '-'"
      })
  void register_withABrokenUsername_namesTheRule(String username, String message) {
    assertThat(violationsOf(username, PASSWORD))
        .containsExactly(new Violation("username", message));
  }

  @Test
  void register_withUsernameOf3And64Characters_isAccepted_65IsNot() {
    assertThat(register("abc").producer().username().value()).isEqualTo("abc");
    assertThat(register("u".repeat(64)).producer().username().value()).hasSize(64);
    assertThat(violationsOf("u".repeat(65), PASSWORD))
        .containsExactly(new Violation("username", "must be 3 to 64 characters"));
  }

  @Test
  void register_withPasswordOf8And1024Characters_isAccepted_7And1025AreNot() {
    assertThat(registerWithPassword("ada", "8-chars!").producer().id()).isNotNull();
    assertThat(registerWithPassword("bob", "p".repeat(1024)).producer().id()).isNotNull();
    assertThat(violationsOf("cyd", "7-chars"))
        .containsExactly(new Violation("password", "must be 8 to 1024 characters"));
    assertThat(violationsOf("cyd", "p".repeat(1025)))
        .containsExactly(new Violation("password", "must be 8 to 1024 characters"));
  }

  @Test
  void register_withMissingFields_saysTheyAreRequired() {
    assertThat(violationsOf(null, null))
        .containsExactly(
            new Violation("username", "is required"), new Violation("password", "is required"));
  }

  @Test
  void register_withBothFieldsBroken_listsBoth() {
    InvalidInputException e =
        thrownBy(InvalidInputException.class, () -> RegisterProducerCommand.of("a!", "short"));

    assertThat(e.violations())
        .containsExactly(
            new Violation("username", "must be 3 to 64 characters"),
            new Violation("password", "must be 8 to 1024 characters"));
    assertThat(e.detail()).doesNotContain("short");
  }

  @Test
  void commandAndResult_neverPrintThePasswordOrToken() {
    RegisterProducerCommand command = RegisterProducerCommand.of("ada", PASSWORD);
    AuthenticatedProducer ada = store.registerProducer().register(command);

    assertThat(command.toString()).contains("ada").doesNotContain(PASSWORD);
    assertThat(ada.toString())
        .contains("ada")
        .doesNotContain(ada.token())
        .doesNotContain(ada.producer().passwordHash());
  }

  private AuthenticatedProducer register(String username) {
    return registerWithPassword(username, PASSWORD);
  }

  private AuthenticatedProducer registerWithPassword(String username, String password) {
    return store.registerProducer().register(RegisterProducerCommand.of(username, password));
  }

  private static java.util.List<Violation> violationsOf(String username, String password) {
    return thrownBy(
            InvalidInputException.class, () -> RegisterProducerCommand.of(username, password))
        .violations();
  }
}

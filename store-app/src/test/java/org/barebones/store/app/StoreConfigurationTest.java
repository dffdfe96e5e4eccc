package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import java.util.Currency;
import java.util.List;
import java.util.function.Function;
import org.barebones.store.app.testing.Configurations;
import org.junit.jupiter.api.Test;

class StoreConfigurationTest {

  /** What {@code server} with no file builds: the defaults, through Jackson and validation. */
  @Test
  void withNoFile_theDefaultsDescribeTheEmbeddedServer() throws Exception {
    StoreConfiguration config = Configurations.defaults();

    assertThat(config.getDatabase().getDriverClass()).isEqualTo("org.h2.Driver");
    assertThat(config.getDatabase().getUrl())
        .startsWith("jdbc:h2:./data/store;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")
        .contains("DEFAULT_NULL_ORDERING=HIGH");
    assertThat(config.getDatabase().getMaxWaitForConnection()).isEqualTo(Duration.seconds(2));
    assertThat(config.isMigrateOnStart()).isTrue();
    assertThat(config.getJwt().getSecret()).isNull();
    assertThat(config.getJwt().getProducerTokenLifetime()).isEqualTo(Duration.hours(24));
    assertThat(config.getJwt().getCartTokenLifetime()).isEqualTo(Duration.days(30));
    assertThat(config.getPasswordHashIterations()).isEqualTo(600_000);
    assertThat(config.getCurrency()).isEqualTo(Currency.getInstance("USD"));
    assertThat(config.getMaxRequestBodySize()).isEqualTo(DataSize.kibibytes(64));
    assertThat(config.getCatalogueCacheControl()).isEqualTo("no-cache");
    assertThat(config.getLoginThrottle().getMaxFailures()).isEqualTo(10);
    assertThat(config.getLoginThrottle().getWindow()).isEqualTo(Duration.minutes(15));
    assertThat(config.getLoginThrottle().getBackstopMaxFailures()).isNull();
    assertThat(config.getLoginThrottle().getBackstopWindow()).isNull();
    assertThat(config.getSignUpLimit().getMaxPerAddress()).isEqualTo(100);
    assertThat(config.getSignUpLimit().getWindow()).isEqualTo(Duration.minutes(10));
    assertThat(config.getPasswordHashing().getMaxConcurrent()).isNull();
    assertThat(config.getPasswordHashing().getMaxConcurrentPerAddress()).isEqualTo(1);
    assertThat(config.getPasswordHashing().getMaxWait()).isEqualTo(Duration.seconds(20));
    assertThat(config.getTrustedProxies()).isEmpty();
    assertThat(config.getCartCreationLimit().getMaxPerAddress()).isEqualTo(120);
    assertThat(config.getCartCreationLimit().getWindow()).isEqualTo(Duration.minutes(1));
    assertThat(config.effectiveCartIdleLifetime()).isEqualTo(Duration.days(30));
    assertThat(config.getCartIdleSweep().getInterval()).isEqualTo(Duration.minutes(1));
    assertThat(config.getCartIdleSweep().getBatchSize()).isEqualTo(100);
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    assertThat(server.getRegisterDefaultExceptionMappers()).isFalse();
    SlowClientsConfiguration slow = config.getSlowClients();
    assertThat(slow.isEnabled()).isTrue();
    assertThat(slow.getMinRequestBodyRate()).isEqualTo(DataSize.bytes(256));
    assertThat(slow.getRequestIdleTimeout()).isEqualTo(Duration.seconds(10));
    assertThat(slow.getMaxThreadsPerAddress()).isNull();
    assertThat(slow.threadsPerAddress(server.getMaxThreads())).isEqualTo(64);
    assertThat(slow.threadsPerAddress(64)).isEqualTo(4);
  }

  @Test
  void catalogueCacheControl_mustBeAPrintableNonBlankHeaderValue() {
    StoreConfiguration config = new StoreConfiguration();
    for (String bad : new String[] {"", "   ", "no-cache\nX-Evil: 1", "caf\u00e9"}) {
      config.setCatalogueCacheControl(bad);
      assertThat(Validators.newValidator().validate(config)).as(bad).isNotEmpty();
    }
    config.setCatalogueCacheControl("public, max-age=5");
    assertThat(Validators.newValidator().validate(config)).isEmpty();
  }

  @Test
  void theCartIdleLifetime_followsTheCartTokenLifetime_unlessSet() throws Exception {
    StoreConfiguration config = Configurations.defaults();
    config.getJwt().setCartTokenLifetime(Duration.days(7));
    assertThat(config.effectiveCartIdleLifetime()).isEqualTo(Duration.days(7));

    config.setCartIdleLifetime(Duration.days(2));
    assertThat(config.effectiveCartIdleLifetime()).isEqualTo(Duration.days(2));
  }

  @Test
  void theSampleConfigYml_spellsOutTheDefaults() throws Exception {
    StoreConfiguration defaults = Configurations.defaults();
    StoreConfiguration sample = Configurations.sample("config.yml");

    assertThat(sample.getDatabase().getUrl()).isEqualTo(defaults.getDatabase().getUrl());
    assertThat(sample.getDatabase().getUser()).isEqualTo(defaults.getDatabase().getUser());
    assertThat(sample.getDatabase().getMaxWaitForConnection())
        .isEqualTo(defaults.getDatabase().getMaxWaitForConnection());
    assertThat(sample.getJwt().getProducerTokenLifetime())
        .isEqualTo(defaults.getJwt().getProducerTokenLifetime());
    assertThat(sample.getJwt().getCartTokenLifetime())
        .isEqualTo(defaults.getJwt().getCartTokenLifetime());
    assertThat(sample.getPasswordHashIterations()).isEqualTo(defaults.getPasswordHashIterations());
    assertThat(sample.getCurrency()).isEqualTo(defaults.getCurrency());
    assertThat(sample.getMaxRequestBodySize()).isEqualTo(defaults.getMaxRequestBodySize());
    assertThat(sample.getCatalogueCacheControl()).isEqualTo(defaults.getCatalogueCacheControl());
    assertThat(sample.getTrustedProxies()).isEqualTo(defaults.getTrustedProxies()).isEmpty();
    assertThat(sample.effectiveCartIdleLifetime()).isEqualTo(defaults.effectiveCartIdleLifetime());
    // These blocks, every setting in them.
    for (Function<StoreConfiguration, Object> block :
        List.<Function<StoreConfiguration, Object>>of(
            StoreConfiguration::getLoginThrottle,
            StoreConfiguration::getSignUpLimit,
            StoreConfiguration::getPasswordHashing,
            StoreConfiguration::getSlowClients,
            StoreConfiguration::getCartCreationLimit,
            StoreConfiguration::getCartIdleSweep)) {
      assertThat(block.apply(sample)).usingRecursiveComparison().isEqualTo(block.apply(defaults));
    }
    assertThat(
            ((DefaultServerFactory) sample.getServerFactory()).getRegisterDefaultExceptionMappers())
        .isFalse();
  }

  @Test
  void thePostgresSample_readsItsConnectionFromTheEnvironment_withLocalDefaults() throws Exception {
    StoreConfiguration config =
        Configurations.sample(
            "config-postgres.yml",
            // What the variables would give, without touching this JVM's environment.
            key ->
                switch (key) {
                  case "STORE_DB_URL" -> "jdbc:postgresql://db.example:5432/shop";
                  case "STORE_DB_USER" -> "shop";
                  case "STORE_DB_PASSWORD" -> "pw";
                  case "STORE_JWT_SECRET" -> "x".repeat(40);
                  default -> null;
                });

    assertThat(config.getDatabase().getDriverClass()).isEqualTo("org.postgresql.Driver");
    assertThat(config.getDatabase().getUrl()).isEqualTo("jdbc:postgresql://db.example:5432/shop");
    assertThat(config.getDatabase().getUser()).isEqualTo("shop");
    assertThat(config.getDatabase().getPassword()).isEqualTo("pw");
    assertThat(config.getDatabase().getMaxWaitForConnection()).isEqualTo(Duration.seconds(2));
    assertThat(config.getJwt().getSecret()).isEqualTo("x".repeat(40));
  }

  @Test
  void thePostgresSample_withoutTheEnvironment_fallsBackToALocalServer() throws Exception {
    StoreConfiguration config = Configurations.sample("config-postgres.yml", key -> null);

    assertThat(config.getDatabase().getUrl()).isEqualTo("jdbc:postgresql://localhost:5432/store");
    // "secret: " with nothing after it: no secret configured.
    assertThat(config.getJwt().getSecret()).isNullOrEmpty();
  }
}

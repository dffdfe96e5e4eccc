package org.barebones.store.app.integrity;

import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.barebones.store.app.StoreConfiguration;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.password.Pbkdf2PasswordHasher;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.http.HttpSettings;
import org.barebones.store.http.StoreHttp;
import org.barebones.store.http.auth.JjwtTokenService;
import org.barebones.store.persistence.JdbiStorePersistence;
import org.jdbi.v3.core.Jdbi;

/**
 * Control: the store server wired as {@code StoreApplication} wires it, except that a subclass
 * breaks one guarantee of the persistence on purpose. The integrity harnesses run against it to
 * show that they catch the breakage; a harness that passed here would prove nothing.
 */
public abstract class ControlApplication extends Application<StoreConfiguration> {

  /** The real adapters, with one guarantee broken. */
  protected abstract StorePersistence broken(StorePersistence real);

  @Override
  public String getName() {
    return "broken-store-" + getClass().getSimpleName();
  }

  @Override
  public void run(StoreConfiguration config, Environment environment) {
    if (config.getServerFactory() instanceof AbstractServerFactory server) {
      server.setRegisterDefaultExceptionMappers(false);
    }
    Clock clock = Clock.systemUTC();
    ManagedDataSource dataSource = config.getDatabase().build(environment.metrics(), "db");
    Jdbi jdbi = new JdbiFactory().build(environment, config.getDatabase(), dataSource, "db");
    JdbiStorePersistence.migrate(dataSource);
    Store store =
        Store.builder()
            .currency(config.getCurrency())
            .clock(clock)
            .persistence(broken(JdbiStorePersistence.open(jdbi, config.getCurrency())))
            .tokens(
                new JjwtTokenService(
                    config.getJwt().getSecret().getBytes(StandardCharsets.UTF_8),
                    config.getJwt().getProducerTokenLifetime().toJavaDuration(),
                    config.getJwt().getCartTokenLifetime().toJavaDuration(),
                    clock))
            .passwordHasher(new Pbkdf2PasswordHasher(config.getPasswordHashIterations()))
            .loginThrottle(config.getLoginThrottle().build(clock))
            .cartCreationLimit(config.getCartCreationLimit().build(clock))
            .signUpLimit(config.getSignUpLimit().build(clock))
            .passwordHashingGate(config.getPasswordHashing().build())
            .build();
    StoreHttp.register(
        environment, store, new HttpSettings(config.getMaxRequestBodySize().toBytes()));
  }
}

package org.barebones.store.app;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import java.time.Clock;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.password.Pbkdf2PasswordHasher;
import org.barebones.store.http.HttpSettings;
import org.barebones.store.http.StoreHttp;
import org.barebones.store.http.auth.JjwtTokenService;
import org.barebones.store.persistence.JdbiStorePersistence;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.NoTemplateEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store server, and the one place where adapters are wired to the use cases: the JDBI
 * persistence on the configured database, the JWT token service, the password hasher, and the HTTP
 * resources. {@code java -jar store-app.jar server [config.yml]}; {@code db migrate [config.yml]}.
 */
public final class StoreApplication extends Application<StoreConfiguration> {

  private static final Logger LOG = LoggerFactory.getLogger(StoreApplication.class);

  public static void main(String[] args) throws Exception {
    new StoreApplication().run(args);
  }

  @Override
  public String getName() {
    return "barebones-store";
  }

  @Override
  public void initialize(Bootstrap<StoreConfiguration> bootstrap) {
    // ${STORE_JWT_SECRET:-} and friends in the YAML; non-strict, so a default may stand in.
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.addCommand(new DbCommand());
  }

  @Override
  public void run(StoreConfiguration config, Environment environment) {
    // A file with its own "server" section gets a fresh server factory: enforce it here too.
    if (config.getServerFactory() instanceof AbstractServerFactory server) {
      server.setRegisterDefaultExceptionMappers(false);
    }
    DataSourceFactory database = config.getDatabase();
    byte[] secret = TokenSecrets.resolve(config.getJwt(), database.getUrl());
    Clock clock = Clock.systemUTC();

    ManagedDataSource dataSource = database.build(environment.metrics(), "db");
    if (dataSource instanceof DataSourceProxy pool) {
      // Without this, the pool wraps every statement and result set in a reflective proxy: each
      // getLong/getString of a listing went through Method.invoke (about 6 % of its CPU profile).
      pool.getPoolProperties().setUseStatementFacade(false);
    }
    // Manages the pool's lifecycle and registers the "db" health check.
    Jdbi jdbi = new JdbiFactory().build(environment, database, dataSource, "db");
    // Dropwizard's comment-prepending template engine cannot be cached, so JDBI lexed every
    // statement's SQL again with ANTLR on each execution; the adapters' SQL has no templates.
    jdbi.setTemplateEngine(new NoTemplateEngine());
    if (config.isMigrateOnStart()) {
      int applied = JdbiStorePersistence.migrate(dataSource);
      LOG.info("Database schema up to date ({} migration(s) applied now)", applied);
    }

    Store store =
        Store.builder()
            .currency(config.getCurrency())
            .clock(clock)
            .persistence(JdbiStorePersistence.open(jdbi, config.getCurrency()))
            .tokens(
                new JjwtTokenService(
                    secret,
                    config.getJwt().getProducerTokenLifetime().toJavaDuration(),
                    config.getJwt().getCartTokenLifetime().toJavaDuration(),
                    clock))
            .passwordHasher(new Pbkdf2PasswordHasher(config.getPasswordHashIterations()))
            .loginThrottle(config.getLoginThrottle().build(clock))
            .cartCreationLimit(config.getCartCreationLimit().build(clock))
            .cartMetrics(new MetricsCartMetrics(environment.metrics()))
            .cartIdleLifetime(config.effectiveCartIdleLifetime().toJavaDuration())
            .cartSweepBatchSize(config.getCartIdleSweep().getBatchSize())
            .build();
    environment
        .lifecycle()
        .manage(
            new CartSweeper(
                store.expireIdleCarts(), config.getCartIdleSweep().getInterval().toJavaDuration()));
    StoreHttp.register(environment, store, httpSettings(config));
    SlowClients.install(config.getSlowClients(), config.getServerFactory(), environment);
  }

  private static HttpSettings httpSettings(StoreConfiguration config) {
    return new HttpSettings(
        config.getMaxRequestBodySize().toBytes(), config.getCatalogueCacheControl());
  }
}

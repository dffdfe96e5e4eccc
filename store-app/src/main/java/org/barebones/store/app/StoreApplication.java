package org.barebones.store.app;

import io.dropwizard.assets.AssetsBundle;
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
  private static final String DOCS_PAGE = "/org/barebones/store/app/docs";
  private static final String SWAGGER_UI = "/META-INF/resources/webjars/swagger-ui/5.34.1";

  /** The pages of the store-web module: clients of the API like any other, served from here. */
  private static final String WEB = "/org/barebones/store/web";

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
    // The JVM's metrics (memory, threads, GC...), here as well as from the command line: servers
    // started in-process (the tests') skip the command line's registration. Registers once.
    bootstrap.registerMetrics();
    // Swagger UI at /docs/: the page and its settings from this jar, the UI from its webjar.
    bootstrap.addBundle(new AssetsBundle(DOCS_PAGE, "/docs", "index.html", "docs"));
    bootstrap.addBundle(new AssetsBundle(SWAGGER_UI, "/docs/ui", "index.html", "swagger-ui"));
    // The storefront and the producers' dashboard (store-web), and what they share.
    bootstrap.addBundle(new AssetsBundle(WEB + "/shop", "/shop", "index.html", "shop"));
    bootstrap.addBundle(
        new AssetsBundle(WEB + "/dashboard", "/dashboard", "index.html", "dashboard"));
    bootstrap.addBundle(new AssetsBundle(WEB + "/assets", "/assets", null, "web-assets"));
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
      // Without this, the pool wraps every statement and result set in a reflective proxy, so
      // every column read of every row goes through Method.invoke.
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

    StoreMetrics metrics = new StoreMetrics(environment.metrics());
    Store.Builder builder =
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
            .signUpLimit(config.getSignUpLimit().build(clock))
            .passwordHashingGate(config.getPasswordHashing().build())
            .cartMetrics(new MetricsCartMetrics(environment.metrics()))
            .cartIdleLifetime(config.effectiveCartIdleLifetime().toJavaDuration())
            .cartSweepBatchSize(config.getCartIdleSweep().getBatchSize())
            .idempotencyRetention(config.getIdempotency().getRetention().toJavaDuration())
            .idempotencySweepBatchSize(config.getIdempotency().getSweepBatchSize())
            .checkoutListener(metrics)
            .cancellationListener(metrics)
            // Every event is recorded, taken or not (the crash proofs check that each committed
            // change has its event); the retention deletes them all in time.
            .eventRetention(config.getWebhooks().getRetention().toJavaDuration());
    Webhooks webhooks =
        Webhooks.configure(
            builder,
            config.getWebhooks(),
            environment,
            StoreHttp.configure(environment.getObjectMapper().copy()),
            clock);
    Store store = builder.build();
    webhooks.attach(environment, store);
    environment
        .lifecycle()
        .manage(
            Sweeper.idleCarts(
                store.expireIdleCarts(), config.getCartIdleSweep().getInterval().toJavaDuration()));
    environment
        .lifecycle()
        .manage(
            Sweeper.idempotencyRecords(
                store.expireIdempotencyRecords(),
                config.getIdempotency().getSweepInterval().toJavaDuration()));
    StoreHttp.register(environment, store, httpSettings(config));
    SlowClients.install(config.getSlowClients(), config.getServerFactory(), environment);
    ForwardedHeaders.install(TrustedProxies.parse(config.getTrustedProxies()), environment);
    PageHeaders.install(environment, "/shop/*", "/dashboard/*", "/assets/*");
    integrators(config, environment);
  }

  /** Prometheus on the admin port; CORS for the API when origins are configured. */
  private static void integrators(StoreConfiguration config, Environment environment) {
    environment
        .admin()
        .addServlet("prometheus", new PrometheusServlet(environment.metrics()))
        .addMapping("/metrics/prometheus");
    if (config.getCors().isEnabled()) {
      // Jetty's own CORS handler, before the servlets: it answers preflights itself.
      environment.getApplicationContext().insertHandler(config.getCors().build());
    }
  }

  private static HttpSettings httpSettings(StoreConfiguration config) {
    return new HttpSettings(
        config.getMaxRequestBodySize().toBytes(), config.getCatalogueCacheControl());
  }
}

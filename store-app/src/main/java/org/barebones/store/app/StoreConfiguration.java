package org.barebones.store.app;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.password.Pbkdf2PasswordHasher;
import org.barebones.store.http.HttpSettings;

/**
 * Configuration of the store server. Every field has a working default, so {@code server} with no
 * file runs on an embedded H2 database in {@code ./data/}; a YAML file overrides any of them
 * (camelCase keys, environment variables through {@code ${NAME:-default}}).
 */
public class StoreConfiguration extends Configuration {

  /** The embedded default: an H2 file database under the working directory. */
  public static final String DEFAULT_DATABASE_URL =
      "jdbc:h2:./data/store;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
          // The connection pool, not H2's own shutdown hook, closes the database on exit, so
          // requests still in flight during a graceful stop do not meet a closed database.
          + ";DB_CLOSE_ON_EXIT=FALSE"
          // Each commit reaches the file before it is acknowledged: with H2's default write
          // delay a killed server forgets the checkouts of its last second that it answered 200.
          + ";WRITE_DELAY=0";

  @Valid @NotNull private DataSourceFactory database = defaultDatabase();

  private boolean migrateOnStart = true;

  @Valid @NotNull private JwtConfiguration jwt = new JwtConfiguration();

  @Min(1000)
  private int passwordHashIterations = Pbkdf2PasswordHasher.DEFAULT_ITERATIONS;

  @NotNull private Currency currency = Store.DEFAULT_CURRENCY;

  @NotNull
  @MinDataSize(1024)
  @MaxDataSize(value = 64, unit = io.dropwizard.util.DataSizeUnit.MEBIBYTES)
  private DataSize maxRequestBodySize = DataSize.kibibytes(64);

  /** Printable ASCII, as a header value must be; HttpSettings checks it again. */
  @NotNull
  @Pattern(regexp = "[\\x20-\\x7e]*[\\x21-\\x7e][\\x20-\\x7e]*")
  private String catalogueCacheControl = HttpSettings.DEFAULT_CATALOGUE_CACHE_CONTROL;

  @Valid @NotNull
  private LoginThrottleConfiguration loginThrottle = new LoginThrottleConfiguration();

  @Valid @NotNull private WebhooksConfiguration webhooks = new WebhooksConfiguration();

  @Valid @NotNull private SlowClientsConfiguration slowClients = new SlowClientsConfiguration();

  @Valid @NotNull
  private CartCreationLimitConfiguration cartCreationLimit = new CartCreationLimitConfiguration();

  /** Empty: the cart token's lifetime ({@code jwt.cartTokenLifetime}). */
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration cartIdleLifetime;

  @Valid @NotNull
  private CartIdleSweepConfiguration cartIdleSweep = new CartIdleSweepConfiguration();

  @Valid @NotNull private CorsConfiguration cors = new CorsConfiguration();

  @Valid @NotNull private IdempotencyConfiguration idempotency = new IdempotencyConfiguration();

  @Valid @NotNull private SignUpLimitConfiguration signUpLimit = new SignUpLimitConfiguration();

  @Valid @NotNull
  private PasswordHashingConfiguration passwordHashing = new PasswordHashingConfiguration();

  @NotNull private List<String> trustedProxies = List.of();

  public StoreConfiguration() {
    // The http module's RFC 9457 mappers must answer for JSON and validation errors, not
    // Dropwizard's defaults; StoreApplication enforces this again for files that set "server".
    if (getServerFactory() instanceof AbstractServerFactory server) {
      server.setRegisterDefaultExceptionMappers(false);
    }
  }

  private static DataSourceFactory defaultDatabase() {
    DataSourceFactory database = new DataSourceFactory();
    database.setDriverClass("org.h2.Driver");
    database.setUrl(DEFAULT_DATABASE_URL);
    database.setUser("sa");
    database.setPassword("");
    // When the database is gone, a request fails (503) after this wait instead of hanging.
    database.setMaxWaitForConnection(Duration.seconds(2));
    return database;
  }

  @JsonProperty
  public DataSourceFactory getDatabase() {
    return database;
  }

  @JsonProperty
  public void setDatabase(DataSourceFactory database) {
    this.database = database;
  }

  /**
   * Whether {@code server} brings the schema up to date before it serves (Flyway; several nodes
   * starting together are safe on PostgreSQL). Off means: run {@code db migrate} first.
   */
  @JsonProperty
  public boolean isMigrateOnStart() {
    return migrateOnStart;
  }

  @JsonProperty
  public void setMigrateOnStart(boolean migrateOnStart) {
    this.migrateOnStart = migrateOnStart;
  }

  @JsonProperty
  public JwtConfiguration getJwt() {
    return jwt;
  }

  @JsonProperty
  public void setJwt(JwtConfiguration jwt) {
    this.jwt = jwt;
  }

  /** PBKDF2-HMAC-SHA256 iterations for new password hashes (OWASP: at least 600,000). */
  @JsonProperty
  public int getPasswordHashIterations() {
    return passwordHashIterations;
  }

  @JsonProperty
  public void setPasswordHashIterations(int passwordHashIterations) {
    this.passwordHashIterations = passwordHashIterations;
  }

  @JsonProperty
  public Currency getCurrency() {
    return currency;
  }

  @JsonProperty
  public void setCurrency(Currency currency) {
    this.currency = currency;
  }

  @JsonProperty
  public DataSize getMaxRequestBodySize() {
    return maxRequestBodySize;
  }

  @JsonProperty
  public void setMaxRequestBodySize(DataSize maxRequestBodySize) {
    this.maxRequestBodySize = maxRequestBodySize;
  }

  /**
   * The {@code Cache-Control} of the public catalogue's GETs (products and producers). The default,
   * {@code no-cache}, lets caches keep a page but makes them revalidate it on every use; e.g.
   * {@code public, max-age=5} lets them serve it for five seconds unasked.
   */
  @JsonProperty
  public String getCatalogueCacheControl() {
    return catalogueCacheControl;
  }

  @JsonProperty
  public void setCatalogueCacheControl(String catalogueCacheControl) {
    this.catalogueCacheControl = catalogueCacheControl;
  }

  @JsonProperty
  public LoginThrottleConfiguration getLoginThrottle() {
    return loginThrottle;
  }

  @JsonProperty
  public void setLoginThrottle(LoginThrottleConfiguration loginThrottle) {
    this.loginThrottle = loginThrottle;
  }

  @JsonProperty
  public SlowClientsConfiguration getSlowClients() {
    return slowClients;
  }

  @JsonProperty
  public void setSlowClients(SlowClientsConfiguration slowClients) {
    this.slowClients = slowClients;
  }

  @JsonProperty
  public CartCreationLimitConfiguration getCartCreationLimit() {
    return cartCreationLimit;
  }

  @JsonProperty
  public void setCartCreationLimit(CartCreationLimitConfiguration cartCreationLimit) {
    this.cartCreationLimit = cartCreationLimit;
  }

  /**
   * As configured: empty means the cart token's lifetime (see {@link #effectiveCartIdleLifetime}).
   */
  @JsonProperty
  public Duration getCartIdleLifetime() {
    return cartIdleLifetime;
  }

  /**
   * How long an open cart may go unchanged before the sweep deletes it. Not a bean getter, so that
   * Jackson, which writes the defaults out when there is no file, does not fix it at 30 days before
   * {@code jwt.cartTokenLifetime} is overridden.
   */
  public Duration effectiveCartIdleLifetime() {
    return cartIdleLifetime != null ? cartIdleLifetime : jwt.getCartTokenLifetime();
  }

  @JsonProperty
  public void setCartIdleLifetime(Duration cartIdleLifetime) {
    this.cartIdleLifetime = cartIdleLifetime;
  }

  @JsonProperty
  public CartIdleSweepConfiguration getCartIdleSweep() {
    return cartIdleSweep;
  }

  @JsonProperty
  public void setCartIdleSweep(CartIdleSweepConfiguration cartIdleSweep) {
    this.cartIdleSweep = cartIdleSweep;
  }

  /** Browser origins allowed to call the API (CORS); none by default. */
  @JsonProperty
  public CorsConfiguration getCors() {
    return cors;
  }

  @JsonProperty
  public void setCors(CorsConfiguration cors) {
    this.cors = cors;
  }

  @JsonProperty
  public WebhooksConfiguration getWebhooks() {
    return webhooks;
  }

  @JsonProperty
  public void setWebhooks(WebhooksConfiguration webhooks) {
    this.webhooks = webhooks;
  }

  /** Requests sent with an {@code Idempotency-Key}: how long their answers are kept. */
  @JsonProperty
  public IdempotencyConfiguration getIdempotency() {
    return idempotency;
  }

  @JsonProperty
  public void setIdempotency(IdempotencyConfiguration idempotency) {
    this.idempotency = idempotency;
  }

  /** Sign-ups per client address and window ({@code POST /api/producer}). */
  @JsonProperty
  public SignUpLimitConfiguration getSignUpLimit() {
    return signUpLimit;
  }

  @JsonProperty
  public void setSignUpLimit(SignUpLimitConfiguration signUpLimit) {
    this.signUpLimit = signUpLimit;
  }

  /** Password hashes (sign-ups and log-ins) running at once, in all and per client address. */
  @JsonProperty
  public PasswordHashingConfiguration getPasswordHashing() {
    return passwordHashing;
  }

  @JsonProperty
  public void setPasswordHashing(PasswordHashingConfiguration passwordHashing) {
    this.passwordHashing = passwordHashing;
  }

  /**
   * The proxies (IPv4 and IPv6 addresses or CIDR ranges) whose {@code X-Forwarded-For} names the
   * client, on connectors with {@code useForwardedHeaders}; from any other peer those headers are
   * ignored. Default: none.
   */
  @JsonProperty
  public List<String> getTrustedProxies() {
    return trustedProxies;
  }

  /**
   * A list, or one string of comma-separated entries (as {@code -Ddw.trustedProxies=a,b} gives:
   * Dropwizard cannot override a list that the file leaves empty).
   */
  @JsonProperty
  @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
  public void setTrustedProxies(List<String> trustedProxies) {
    this.trustedProxies =
        trustedProxies == null
            ? List.of()
            : trustedProxies.stream()
                .flatMap(e -> Arrays.stream(String.valueOf(e).split(",")))
                .map(String::trim)
                .filter(e -> !e.isEmpty())
                .toList();
  }

  /** The trusted proxies parsed: a start with an entry that is no address or range fails here. */
  @JsonIgnore
  @ValidationMethod(message = "trustedProxies must hold IP addresses or CIDR ranges only")
  public boolean isTrustedProxiesValid() {
    try {
      TrustedProxies.parse(trustedProxies);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}

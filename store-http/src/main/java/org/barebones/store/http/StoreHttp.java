package org.barebones.store.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.core.setup.Environment;
import java.util.List;
import java.util.Objects;
import org.barebones.store.domain.Store;
import org.barebones.store.http.auth.BearerTokenAuthenticator;
import org.barebones.store.http.auth.ProblemUnauthorizedHandler;
import org.barebones.store.http.auth.StorePrincipal;
import org.barebones.store.http.limit.RequestBodyDrainFilter;
import org.barebones.store.http.limit.RequestBodyLimitFilter;
import org.barebones.store.http.limit.RequestCheckFilter;
import org.barebones.store.http.limit.UnreadableBodyInterceptor;
import org.barebones.store.http.problem.DomainExceptionMapper;
import org.barebones.store.http.problem.HttpProblemMapper;
import org.barebones.store.http.problem.IllegalStateExceptionMapper;
import org.barebones.store.http.problem.JsonProblemMapper;
import org.barebones.store.http.problem.UnexpectedExceptionMapper;
import org.barebones.store.http.problem.WebApplicationExceptionMapper;
import org.barebones.store.http.resource.CartResource;
import org.barebones.store.http.resource.IdempotencyKeyFilter;
import org.barebones.store.http.resource.OrderResource;
import org.barebones.store.http.resource.ProducerResource;
import org.barebones.store.http.resource.ProductResource;
import org.barebones.store.http.resource.RootResource;

/**
 * Entry point of the HTTP adapter: puts the store's API on a Dropwizard environment (resources,
 * Bearer authentication, problem mappers, body limit, JSON settings).
 *
 * <p>Its exception mappers are registered as the application's own providers, so Jersey prefers
 * them to Dropwizard's default mappers of the same exception types; the server may keep {@code
 * server.registerDefaultExceptionMappers} at its default.
 */
public final class StoreHttp {

  /** The realm named in {@code WWW-Authenticate}. */
  public static final String REALM = "barebones-store";

  private StoreHttp() {}

  /** Configures {@code environment}'s JSON mapper and registers every component of the API. */
  public static void register(Environment environment, Store store, HttpSettings settings) {
    configure(environment.getObjectMapper());
    for (Object component : components(store, settings)) {
      environment.jersey().register(component);
    }
  }

  /**
   * Makes {@code mapper} read JSON as the API wants: decimals exactly (never through {@code
   * double}), no silent coercion between numbers, strings and booleans, unknown fields ignored.
   */
  public static ObjectMapper configure(ObjectMapper mapper) {
    mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    for (LogicalType number : List.of(LogicalType.Integer, LogicalType.Float)) {
      mapper
          .coercionConfigFor(number)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /**
   * Every Jersey component of the API, for {@link #register} and for tests that assemble a Jersey
   * application themselves (Dropwizard's {@code ResourceExtension}, with a mapper from {@link
   * #configure}).
   */
  public static List<Object> components(Store store, HttpSettings settings) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(settings, "settings");
    return List.of(
        new RequestCheckFilter(),
        new RequestBodyLimitFilter(settings.maxRequestBodyBytes()),
        new RequestBodyDrainFilter(settings.maxRequestBodyBytes()),
        new UnreadableBodyInterceptor(),
        new AuthDynamicFeature(
            new OAuthCredentialAuthFilter.Builder<StorePrincipal>()
                .setAuthenticator(new BearerTokenAuthenticator(store.tokens()))
                .setPrefix("Bearer")
                .setRealm(REALM)
                .setUnauthorizedHandler(new ProblemUnauthorizedHandler())
                .buildAuthFilter()),
        new AuthValueFactoryProvider.Binder<>(StorePrincipal.class),
        new IdempotencyKeyFilter(),
        new DomainExceptionMapper(),
        new HttpProblemMapper(),
        new JsonProblemMapper(),
        new WebApplicationExceptionMapper(),
        new IllegalStateExceptionMapper(),
        new UnexpectedExceptionMapper(),
        new RootResource(),
        new ProducerResource(store, settings.catalogueCacheControl()),
        new ProductResource(store, settings.catalogueCacheControl()),
        new CartResource(store),
        new OrderResource(store));
  }
}

package org.barebones.store.http.auth;

import io.dropwizard.auth.Authenticator;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.port.TokenService;

/**
 * Adapter: turns a bearer token into a {@link StorePrincipal} through the domain's {@link
 * TokenService}. A token that fails verification raises the domain's {@code
 * UnauthenticatedException}, which the problem mapper answers 401 with its reason.
 */
public final class BearerTokenAuthenticator implements Authenticator<String, StorePrincipal> {
  private final TokenService tokens;

  public BearerTokenAuthenticator(TokenService tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @Override
  public Optional<StorePrincipal> authenticate(String token) {
    return Optional.of(new StorePrincipal(tokens.verify(token)));
  }
}

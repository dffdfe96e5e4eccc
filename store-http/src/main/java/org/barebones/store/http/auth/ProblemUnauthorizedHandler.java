package org.barebones.store.http.auth;

import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.Response;
import org.barebones.store.domain.shared.UnauthenticatedException;
import org.barebones.store.http.problem.Problems;

/**
 * Answers a request without a usable bearer token the way every other 401 is answered: a problem
 * body and {@code WWW-Authenticate: Bearer}, instead of Dropwizard's plain-text default.
 */
public final class ProblemUnauthorizedHandler implements UnauthorizedHandler {
  static final String DETAIL = "A bearer token is required (Authorization: Bearer <token>)";

  @Override
  public Response buildResponse(String prefix, String realm) {
    return Problems.of(new UnauthenticatedException(DETAIL));
  }

  @Override
  public RuntimeException buildException(String prefix, String realm) {
    return new UnauthenticatedException(DETAIL);
  }
}

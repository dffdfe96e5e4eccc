package org.barebones.store.http.limit;

import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import org.barebones.store.http.problem.HttpProblem;

/**
 * Refuses with a 400 problem what Jersey would refuse without one or accept unwisely: an {@code
 * Accept} or {@code Content-Type} header that cannot be parsed (left to Jersey, a 400 with no body;
 * under Jetty a malformed {@code Content-Type} is refused even before this filter), and a token in
 * the URL's {@code access_token} parameter, which Dropwizard's OAuth filter would take but request
 * logs would record.
 */
@PreMatching
@Priority(50)
public final class RequestCheckFilter implements ContainerRequestFilter {
  static final String TOKEN_PARAMETER = OAuthCredentialAuthFilter.OAUTH_ACCESS_TOKEN_PARAM;

  @Override
  public void filter(ContainerRequestContext request) {
    try {
      request.getMediaType();
    } catch (ProcessingException | IllegalArgumentException e) {
      throw HttpProblem.malformed("The Content-Type header is malformed");
    }
    try {
      request.getAcceptableMediaTypes();
    } catch (ProcessingException | IllegalArgumentException e) {
      throw HttpProblem.malformed("The Accept header is malformed");
    }
    if (request.getUriInfo().getQueryParameters().containsKey(TOKEN_PARAMETER)) {
      throw HttpProblem.malformed(
          "Send the token in the Authorization header (Bearer), never in the URL");
    }
  }
}

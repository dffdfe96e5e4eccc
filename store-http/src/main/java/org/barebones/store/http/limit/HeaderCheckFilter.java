package org.barebones.store.http.limit;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import org.barebones.store.http.problem.HttpProblem;

/**
 * Refuses a request whose {@code Accept} or {@code Content-Type} header cannot be parsed with a 400
 * problem; left to Jersey, it gets a 400 with no body. (Under Jetty a malformed {@code
 * Content-Type} is refused even before this filter, with Jersey's plain 400.)
 */
@PreMatching
@Priority(50)
public final class HeaderCheckFilter implements ContainerRequestFilter {
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
  }
}

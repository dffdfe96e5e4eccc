package org.barebones.store.http.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Answers the HTTP adapter's own refusals ({@link HttpProblem}) as problems. */
public final class HttpProblemMapper implements ExceptionMapper<HttpProblem> {
  @Override
  public Response toResponse(HttpProblem e) {
    return Problems.of(e);
  }
}

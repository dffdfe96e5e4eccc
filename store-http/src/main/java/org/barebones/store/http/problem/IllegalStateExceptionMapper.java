package org.barebones.store.http.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Takes {@link IllegalStateException} away from Dropwizard's mapper of that exact type, which would
 * otherwise win over {@link UnexpectedExceptionMapper} and answer without a problem body.
 */
public final class IllegalStateExceptionMapper implements ExceptionMapper<IllegalStateException> {
  @Override
  public Response toResponse(IllegalStateException e) {
    return UnexpectedExceptionMapper.internalError(e);
  }
}

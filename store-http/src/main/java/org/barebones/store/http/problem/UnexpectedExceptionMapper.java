package org.barebones.store.http.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.EOFException;
import java.util.concurrent.ThreadLocalRandom;
import org.glassfish.jersey.message.internal.HeaderValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last resort: anything no other mapper knows is a bug or an outage of ours, answered 500 with a
 * generic detail and logged with an id that the detail repeats. The client faults that can reach
 * here, a header Jersey cannot parse or a connection closed mid-request, are answered 400.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof HeaderValueException header
        && header.getContext() == HeaderValueException.Context.INBOUND) {
      return Problems.of(HttpProblem.malformed("A request header is malformed"));
    }
    if (e instanceof EOFException) {
      // The client went away mid-request (Jetty's EofException); nobody is left to answer.
      LOG.debug("Client closed the connection early: {}", e.toString());
      return Problems.of(HttpProblem.malformed("The request ended early"));
    }
    return internalError(e);
  }

  static Response internalError(Throwable e) {
    String id = String.format("%016x", ThreadLocalRandom.current().nextLong());
    LOG.error("Unexpected error {}", id, e);
    return Problems.builder(
            Problem.of(
                500,
                "internal-error",
                "Internal server error",
                "The server failed to answer; the error is logged as " + id))
        .build();
  }
}

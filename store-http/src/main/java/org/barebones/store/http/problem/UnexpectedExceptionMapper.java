package org.barebones.store.http.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.EOFException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipException;
import org.glassfish.jersey.message.internal.HeaderValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last resort: anything no other mapper knows is a bug or an outage of ours, answered 500 with a
 * generic detail and logged with an id that the detail repeats. The client faults that can reach
 * here, a header Jersey cannot parse, a connection closed mid-request or a body that is not in the
 * compression its Content-Encoding names, are answered 400.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof HeaderValueException header
        && header.getContext() == HeaderValueException.Context.INBOUND) {
      return Problems.of(HttpProblem.malformed("A request header is malformed"));
    }
    if (causedByBadCompression(e)) {
      // A body sent with Content-Encoding: gzip that is not gzip fails as Jetty inflates it.
      return Problems.of(HttpProblem.malformed("The request body does not match its encoding"));
    }
    if (e instanceof EOFException) {
      // The client went away mid-request (Jetty's EofException); nobody is left to answer.
      LOG.debug("Client closed the connection early: {}", e.toString());
      return Problems.of(HttpProblem.malformed("The request ended early"));
    }
    return internalError(e);
  }

  private static boolean causedByBadCompression(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ZipException) {
        return true;
      }
    }
    return false;
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

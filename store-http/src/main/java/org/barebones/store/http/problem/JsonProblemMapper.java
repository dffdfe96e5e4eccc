package org.barebones.store.http.problem;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamWriteException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request body that is not the JSON an endpoint takes (malformed, of the wrong type, over
 * Jackson's limits) with a 400 problem. Replaces Dropwizard's mapper of the same exception, whose
 * body is not a problem. A failure to write a response is the server's own: 500.
 */
public final class JsonProblemMapper implements ExceptionMapper<JsonProcessingException> {
  private static final Logger LOG = LoggerFactory.getLogger(JsonProblemMapper.class);

  @Override
  public Response toResponse(JsonProcessingException e) {
    if (isWriting(e)) {
      return UnexpectedExceptionMapper.internalError(e);
    }
    String detail = describe(e);
    // Not Jackson's own message: it may quote the body, and a body may hold a password.
    LOG.debug("Unreadable request body: {}", detail);
    return Problems.of(HttpProblem.malformed(detail));
  }

  private static boolean isWriting(JsonProcessingException e) {
    return e instanceof StreamWriteException
        || (e instanceof JsonMappingException mapping
            && mapping.getProcessor() instanceof JsonGenerator);
  }

  /** A short account of what is wrong with the body, naming the field when Jackson knows it. */
  public static String describe(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return "The JSON body exceeds a parser limit (nesting depth, number or string length)";
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      return "The value of '" + field + "' is not of the expected type";
    }
    if (e instanceof JsonMappingException) {
      return "The body is not a JSON object of the expected shape";
    }
    return "The body is not well-formed JSON";
  }
}

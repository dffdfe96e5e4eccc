package org.barebones.store.http.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;

/**
 * Answers what Jersey itself refuses (no such path 404, method 405, unacceptable 406, unsupported
 * media type 415, bad request 400...) as a problem of the same status, keeping headers such as
 * {@code Allow}. A 5xx here is a server fault and is answered like any unexpected error.
 */
public final class WebApplicationExceptionMapper
    implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original == null ? 500 : original.getStatus();
    if (status >= 500) {
      return UnexpectedExceptionMapper.internalError(e);
    }
    Response.StatusType statusType = Response.Status.fromStatusCode(status);
    String title = statusType != null ? statusType.getReasonPhrase() : "Error";
    Response.ResponseBuilder response =
        Problems.builder(Problem.of(status, codeOf(status), title, detailOf(status)));
    for (Map.Entry<String, List<Object>> header : original.getHeaders().entrySet()) {
      if (!header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)
          && !header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
        for (Object value : header.getValue()) {
          response.header(header.getKey(), value);
        }
      }
    }
    if (status == 401) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, Problems.BEARER_CHALLENGE);
    }
    return response.build();
  }

  private static String codeOf(int status) {
    return switch (status) {
      case 400 -> "malformed-request";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 413 -> "body-too-large";
      case 415 -> "unsupported-media-type";
      default -> "http-" + status;
    };
  }

  private static String detailOf(int status) {
    return switch (status) {
      case 400 -> "The request is malformed";
      case 401 -> "A valid bearer token is required";
      case 403 -> "This token may not do that";
      case 404 -> "There is nothing at this path";
      case 405 -> "This path does not answer that method; see the Allow header";
      case 406 -> "This endpoint answers only application/json";
      case 413 -> "The request body is too large";
      case 415 -> "Send the body as application/json";
      default -> "The request cannot be served";
    };
  }
}

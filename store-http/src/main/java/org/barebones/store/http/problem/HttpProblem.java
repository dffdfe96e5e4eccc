package org.barebones.store.http.problem;

import java.util.Objects;

/**
 * Failure found by the HTTP adapter itself rather than by the domain: a path id that names nothing,
 * a query parameter of the wrong type, a body too large or unreadable. Mapped to a problem of the
 * given status.
 */
public final class HttpProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String title;

  public HttpProblem(int status, String code, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.title = Objects.requireNonNull(title, "title");
  }

  /** 400: a query parameter that is not what the endpoint takes. */
  public static HttpProblem badParameter(String name, String rule) {
    return new HttpProblem(
        400, "invalid-parameter", "Invalid parameter", "Query parameter '" + name + "' " + rule);
  }

  /** 400: a body that cannot be read as the JSON the endpoint takes. */
  public static HttpProblem malformed(String detail) {
    return new HttpProblem(400, "malformed-request", "Malformed request", detail);
  }

  /** 404: a path that names nothing (an id that cannot exist, say). */
  public static HttpProblem notFound(String detail) {
    return new HttpProblem(404, "not-found", "Not found", detail);
  }

  /**
   * 408: a body that arrived too slowly (under the server's minimum data rate, or stalled past its
   * idle timeout while the request was open).
   */
  public static HttpProblem bodyTooSlow(String detail) {
    return new HttpProblem(408, "request-timeout", "Request body too slow", detail);
  }

  /** 413: a body over the configured limit. */
  public static HttpProblem bodyTooLarge(long limit) {
    return new HttpProblem(
        413,
        "body-too-large",
        "Request body too large",
        "The request body is larger than " + limit + " bytes");
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }
}

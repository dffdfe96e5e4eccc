package org.barebones.store.http.limit;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads what is left of a request's body before its response goes out, so the connection can be
 * used again.
 *
 * <p>A request may be answered before its body was read: a bad token, an unknown path, a wrong
 * method. If the body has not fully arrived by then, Jetty closes the connection after the answer
 * without saying so ({@code Connection: close}), and a client that sends its next request on that
 * connection finds it closed. This filter reads the rest (at most the body limit, which a request
 * filter also enforces); when it cannot, the answer says {@code Connection: close}.
 */
public final class RequestBodyDrainFilter implements ContainerResponseFilter {
  /** Request property set once a resource has read the body: nothing is left to drain. */
  static final String BODY_READ = RequestBodyDrainFilter.class.getName() + ".bodyRead";

  private static final String CONNECTION = "Connection";

  private final long limit;

  public RequestBodyDrainFilter(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    this.limit = limit;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String declared = request.getHeaderString("Content-Length");
    String chunked = request.getHeaderString("Transfer-Encoding");
    if ((declared == null || declared.trim().equals("0")) && chunked == null
        || request.getProperty(BODY_READ) != null) {
      return; // no body, or a resource read it
    }
    if (declared != null && declaredOver(declared.trim())) {
      response.getHeaders().putSingle(CONNECTION, "close"); // refused unread: not worth reading
      return;
    }
    InputStream entity;
    try {
      entity = request.getEntityStream();
    } catch (IllegalStateException readAndClosed) {
      return; // a resource read the body, and Jersey closed it
    }
    if (entity == null) {
      return;
    }
    try {
      byte[] sink = new byte[8192];
      long left = limit + 1;
      int n;
      while (left > 0 && (n = entity.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
        left -= n;
      }
      if (left <= 0) {
        response.getHeaders().putSingle(CONNECTION, "close");
      }
    } catch (IOException | RuntimeException unreadable) {
      // Over the limit (the limit filter's stream refuses it), or the client went away.
      response.getHeaders().putSingle(CONNECTION, "close");
    }
  }

  private boolean declaredOver(String declared) {
    try {
      return RequestBodyLimitFilter.declaredLength(declared) > limit;
    } catch (RuntimeException malformed) {
      return true; // answered 400 without reading
    }
  }
}

package org.barebones.store.http.limit;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.barebones.store.http.problem.HttpProblem;
import org.eclipse.jetty.http.HttpException;

/**
 * Makes an entity that fails to read for any I/O reason (bytes that are not text in any Unicode
 * encoding, a connection cut mid-body) a 400 problem rather than a server error, and a body that
 * arrives too slowly (Jetty's minimum data rate, an idle timeout) a 408 problem. JSON errors pass
 * on to their own mapper. It also notes that the body was read, for {@link RequestBodyDrainFilter}.
 */
public final class UnreadableBodyInterceptor implements ReaderInterceptor {
  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    try {
      Object entity = context.proceed();
      context.setProperty(RequestBodyDrainFilter.BODY_READ, Boolean.TRUE);
      return entity;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      if (timedOut(e)) {
        throw HttpProblem.bodyTooSlow("The request body stalled past the server's idle timeout");
      }
      throw HttpProblem.malformed("The request body cannot be read");
    } catch (HttpException.RuntimeException e) {
      throw problem(e);
    }
  }

  /**
   * The problem for Jetty's refusal of a body as it is read: its servlet input refuses a body under
   * the minimum data rate with a 408 of its own.
   */
  public static HttpProblem problem(HttpException.RuntimeException e) {
    if (e.getCode() == 408) {
      return HttpProblem.bodyTooSlow(
          "The request body arrived more slowly than the server accepts");
    }
    return HttpProblem.malformed("The request body cannot be read");
  }

  /** Whether {@code e} comes of an idle timeout (the body stalled while the request was open). */
  public static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }
}

package org.barebones.store.http.limit;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import org.barebones.store.http.problem.HttpProblem;

/**
 * Makes an entity that fails to read for any I/O reason (bytes that are not text in any Unicode
 * encoding, a connection cut mid-body) a 400 problem rather than a server error. JSON errors pass
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
      throw HttpProblem.malformed("The request body cannot be read");
    }
  }
}

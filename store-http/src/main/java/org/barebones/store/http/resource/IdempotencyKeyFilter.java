package org.barebones.store.http.resource;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.barebones.store.domain.idempotency.IdempotencyKey;
import org.barebones.store.http.limit.UnreadableBodyInterceptor;
import org.barebones.store.http.problem.HttpProblem;
import org.eclipse.jetty.http.HttpException;

/**
 * On the {@link Idempotent} operations, when the request carries an {@code Idempotency-Key}:
 * refuses a malformed key (not 1-255 visible ASCII characters, or sent twice) with 400 before
 * anything is done, and reads the body (already bounded by the body limit) into memory, where the
 * resource finds it for the request's fingerprint and reads its JSON from it as usual. Runs after
 * authentication: a request without a valid token is 401 whatever its key. Without the header it
 * does nothing.
 */
@Idempotent
@Priority(Priorities.USER)
public final class IdempotencyKeyFilter implements ContainerRequestFilter {

  /** Request property: the body's bytes, as the fingerprint takes them. */
  static final String BODY = IdempotencyKeyFilter.class.getName() + ".body";

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    List<String> keys = request.getHeaders().get(Idempotency.KEY_HEADER);
    if (keys == null || keys.isEmpty()) {
      return;
    }
    if (keys.size() != 1 || !IdempotencyKey.isWellFormed(keys.get(0))) {
      throw new HttpProblem(
          400,
          "invalid-idempotency-key",
          "Invalid Idempotency-Key",
          "Send one Idempotency-Key header of 1 to "
              + IdempotencyKey.MAX_LENGTH
              + " visible ASCII characters (a fresh UUID per operation, say)");
    }
    byte[] body = request.hasEntity() ? read(request.getEntityStream()) : new byte[0];
    request.setEntityStream(new ByteArrayInputStream(body));
    request.setProperty(BODY, body);
  }

  private static byte[] read(InputStream entity) throws IOException {
    if (entity == null) {
      return new byte[0];
    }
    try {
      return entity.readAllBytes();
    } catch (HttpException.RuntimeException e) {
      throw UnreadableBodyInterceptor.problem(e);
    } catch (IOException e) {
      if (UnreadableBodyInterceptor.timedOut(e)) {
        throw HttpProblem.bodyTooSlow("The request body stalled past the server's idle timeout");
      }
      throw HttpProblem.malformed("The request body cannot be read");
    }
  }
}

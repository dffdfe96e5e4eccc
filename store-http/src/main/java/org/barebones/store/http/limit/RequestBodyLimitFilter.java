package org.barebones.store.http.limit;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.barebones.store.http.problem.HttpProblem;
import org.eclipse.jetty.http.HttpException;

/**
 * Refuses request bodies over the configured size with 413 before any resource runs, so an
 * oversized request changes nothing. A declared {@code Content-Length} over the limit is refused at
 * once; a body without one (chunked) is read up to one byte past the limit and then either refused
 * or handed on from memory. Every body is also counted as it is read, in case something between the
 * wire and here (a decompressing handler) makes it longer than declared.
 */
@PreMatching
@Priority(100)
public final class RequestBodyLimitFilter implements ContainerRequestFilter {
  private final long limit;

  public RequestBodyLimitFilter(long limit) {
    if (limit < 1 || limit > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("limit out of range: " + limit);
    }
    this.limit = limit;
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (declared != null) {
      long length = declaredLength(declared);
      if (length > limit) {
        throw HttpProblem.bodyTooLarge(limit);
      }
      request.setEntityStream(new LimitedInputStream(request.getEntityStream(), limit, length));
      return;
    }
    InputStream entity = request.getEntityStream();
    if (entity == null) {
      return;
    }
    byte[] body;
    try {
      body = entity.readNBytes((int) limit + 1);
    } catch (HttpException.RuntimeException e) {
      throw UnreadableBodyInterceptor.problem(e);
    } catch (IOException e) {
      if (UnreadableBodyInterceptor.timedOut(e)) {
        throw HttpProblem.bodyTooSlow("The request body stalled past the server's idle timeout");
      }
      throw e;
    }
    if (body.length > limit) {
      throw HttpProblem.bodyTooLarge(limit);
    }
    request.setEntityStream(new ByteArrayInputStream(body));
  }

  static long declaredLength(String header) {
    String value = header.trim();
    if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
      throw HttpProblem.malformed("The Content-Length header is malformed");
    }
    return Long.parseLong(value);
  }

  /**
   * Counts the bytes read and refuses the body once there are more than the limit. It ends the body
   * after the declared length without asking the server for its end: Jetty checks its minimum data
   * rate on every read, and a last read for the end of a small body, made late by a busy machine,
   * would otherwise count as a slow client.
   */
  static final class LimitedInputStream extends InputStream {
    private final InputStream in;
    private final long limit;
    private final long declared;
    private long count;

    LimitedInputStream(InputStream in, long limit, long declared) {
      this.in = in;
      this.limit = limit;
      this.declared = declared;
    }

    @Override
    public int read() throws IOException {
      if (count >= declared) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (count >= declared) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, declared - count));
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }

    private void count(int n) {
      count += n;
      if (count > limit) {
        throw HttpProblem.bodyTooLarge(limit);
      }
    }
  }
}

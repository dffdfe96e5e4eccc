package org.barebones.store.domain.idempotency;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Value: the answer a request got, as the adapter that answered it rendered it, kept to be given
 * again to its retries. Opaque to the domain: a status number, headers and body bytes that mean
 * something to the adapter alone (for HTTP: the status, {@code Content-Type}, {@code Location}...).
 */
public record KeptAnswer(int status, List<Header> headers, byte[] body) {

  public KeptAnswer {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    headers = List.copyOf(headers);
    body = body.clone();
  }

  /** The body; a copy, as the record keeps its own. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeptAnswer other
        && status == other.status
        && headers.equals(other.headers)
        && Arrays.equals(body, other.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "KeptAnswer[status=" + status + ", headers=" + headers + ", " + body.length + " bytes]";
  }

  /** One header of a kept answer: a name without {@code :}, neither with a line break. */
  public record Header(String name, String value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.isEmpty() || name.indexOf(':') >= 0 || breaksLine(name) || breaksLine(value)) {
        throw new IllegalArgumentException("not a header: " + name);
      }
    }

    private static boolean breaksLine(String s) {
      return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    }
  }
}

package org.barebones.store.app.integrity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Test support: HTTP/1.1 written byte for byte on a socket to 127.0.0.1, for what {@code
 * java.net.http} refuses to send (invalid UTF-8, broken framing, odd methods and headers) and for
 * requests from another loopback address (127.0.0.2, ...). One request per connection; the answer's
 * head is read within a deadline.
 */
final class RawHttp {

  private RawHttp() {}

  /**
   * What came back: the status (-1 when the server closed the connection or timed out before
   * answering), the head, and the time it took.
   */
  record Answer(int status, String head, String body, boolean timedOut, long nanos) {

    boolean answered() {
      return status > 0;
    }

    Optional<String> header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
          return Optional.of(line.substring(prefix.length()).trim());
        }
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      return timedOut
          ? "no answer within the deadline"
          : status < 0
              ? "closed without an answer"
              : head.lines().findFirst().orElse("") + " " + body;
    }
  }

  /** A request built from a head (lines without the final empty line) and a body. */
  static byte[] request(String head, byte[] body) {
    byte[] h = (head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  /**
   * A well-formed request: {@code Host}, {@code Connection: close} and a {@code Content-Length}
   * matching {@code body} are added to {@code headers} (which end with CRLF, or are empty).
   */
  static byte[] request(String method, String target, String headers, byte[] body) {
    return request(
        method
            + " "
            + target
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + headers
            + "Content-Length: "
            + body.length,
        body);
  }

  static Answer send(int port, byte[] request, Duration timeout) {
    return send(port, request, timeout, null);
  }

  /**
   * Sends {@code request} from {@code local} (null: the default 127.0.0.1), half-closes the
   * connection (so a server waiting for a promised body sees it end), and reads the answer.
   */
  static Answer send(int port, byte[] request, Duration timeout, InetAddress local) {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      if (local != null) {
        socket.bind(new InetSocketAddress(local, 0));
      }
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 3_000);
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException refusedMidway) {
        // The server may answer (413, 400) and close before it has read everything: read on.
      }
      return read(socket.getInputStream(), start, timeout);
    } catch (IOException e) {
      return new Answer(-1, e.toString(), "", false, System.nanoTime() - start);
    }
  }

  private static Answer read(InputStream in, long start, Duration timeout) throws IOException {
    long deadline = start + timeout.toNanos();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int headEnd = -1;
    try {
      while (System.nanoTime() < deadline && received.size() < 1 << 20) {
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        received.write(buffer, 0, n);
        String text = withoutInterimAnswers(received.toString(StandardCharsets.ISO_8859_1));
        headEnd = text.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
          String head = text.substring(0, headEnd);
          int length = contentLength(head);
          if (length >= 0 && text.length() >= headEnd + 4 + length) {
            break;
          }
          if (length < 0 && text.endsWith("\r\n0\r\n\r\n")) {
            break; // the last chunk
          }
        }
      }
    } catch (SocketTimeoutException e) {
      if (headEnd < 0) {
        return new Answer(-1, "", "", true, System.nanoTime() - start);
      }
    } catch (IOException reset) {
      // A reset after (or instead of) the answer: judge by what arrived.
    }
    String text = withoutInterimAnswers(received.toString(StandardCharsets.UTF_8));
    long nanos = System.nanoTime() - start;
    if (!text.startsWith("HTTP/1.")) {
      return new Answer(-1, text, "", System.nanoTime() >= deadline, nanos);
    }
    int lineEnd = text.indexOf("\r\n");
    String statusLine = lineEnd < 0 ? text : text.substring(0, lineEnd);
    String[] parts = statusLine.split(" ", 3);
    int status;
    try {
      status = Integer.parseInt(parts[1]);
    } catch (RuntimeException e) {
      return new Answer(-1, text, "", false, nanos);
    }
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    String body = end < 0 ? "" : text.substring(end + 4);
    return new Answer(
        status, head, body.length() > 500 ? body.substring(0, 500) : body, false, nanos);
  }

  /** Drops interim answers ({@code 100 Continue}) before the final one. */
  private static String withoutInterimAnswers(String text) {
    while (text.startsWith("HTTP/1.1 1") || text.startsWith("HTTP/1.0 1")) {
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        return text;
      }
      text = text.substring(end + 4);
    }
    return text;
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        try {
          return Integer.parseInt(line.substring("content-length:".length()).trim());
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }
}

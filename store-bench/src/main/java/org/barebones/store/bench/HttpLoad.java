package org.barebones.store.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP/1.1 load generator on plain blocking sockets: each connection is one thread
 * that sends a request, reads the whole response, and sends the next, over one keep-alive
 * connection. Small enough to leave most of the CPU to the server under test: one write and
 * (usually) one read system call per request, and a response parser that allocates nothing but the
 * body it is asked to keep.
 *
 * <p>Latency is measured per request from just before the write to the last byte of the response.
 * Being closed-loop, it measures service time under the given concurrency, not the queueing delay
 * an open-loop arrival process would see.
 */
public final class HttpLoad {

  /** A request to send, as raw bytes; {@code null} from the source means no more work. */
  @FunctionalInterface
  public interface RequestSource {
    byte[] next(long sequence);
  }

  /**
   * Receives each response of a run (warm-up included) with the sequence number of its request:
   * status -1 and an empty body for a request that failed on the wire.
   */
  @FunctionalInterface
  public interface ResponseSink {
    void accept(long sequence, int status, byte[] body);
  }

  /** What one load run measured. */
  public record Result(
      String name,
      int connections,
      long requests,
      long errors,
      double seconds,
      long[] sortedNanos) {

    public double perSecond() {
      return requests / seconds;
    }

    public double percentileMillis(double p) {
      if (sortedNanos.length == 0) {
        return Double.NaN;
      }
      int index =
          (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100 * sortedNanos.length) - 1);
      return sortedNanos[Math.max(0, index)] / 1e6;
    }

    public double p50() {
      return percentileMillis(50);
    }

    public double p99() {
      return percentileMillis(99);
    }
  }

  /** A parsed response: status, whether the connection stays open, the body when kept. */
  record Response(int status, boolean keepAlive, byte[] body) {}

  private static final byte[] NO_BODY = new byte[0];

  private final String host;
  private final int port;

  public HttpLoad(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** A GET with optional bearer token, as raw bytes. */
  public static byte[] get(String path, String token) {
    return request("GET", path, token, null);
  }

  /** A request with optional bearer token and JSON body, as raw bytes. */
  public static byte[] request(String method, String path, String token, String jsonBody) {
    return request(method, path, token, jsonBody, "");
  }

  /** A GET with optional bearer token and {@code If-None-Match: tag}, as raw bytes. */
  public static byte[] conditionalGet(String path, String token, String tag) {
    return request("GET", path, token, null, "If-None-Match: " + tag + "\r\n");
  }

  private static byte[] request(
      String method, String path, String token, String jsonBody, String extraHeaders) {
    StringBuilder sb = new StringBuilder();
    sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    sb.append("Host: 127.0.0.1\r\nAccept: application/json\r\n").append(extraHeaders);
    if (token != null) {
      sb.append("Authorization: Bearer ").append(token).append("\r\n");
    }
    byte[] body = jsonBody == null ? NO_BODY : jsonBody.getBytes(StandardCharsets.UTF_8);
    if (jsonBody != null) {
      sb.append("Content-Type: application/json\r\n");
    }
    if (jsonBody != null || !"GET".equals(method)) {
      sb.append("Content-Length: ").append(body.length).append("\r\n");
    }
    sb.append("\r\n");
    byte[] head = sb.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /**
   * Runs {@code connections} loops for {@code duration} (after {@code warmup}, whose requests are
   * not counted), or until the source runs dry.
   */
  public Result run(
      String name, int connections, Duration warmup, Duration duration, RequestSource source)
      throws InterruptedException {
    return run(name, connections, warmup, duration, source, null);
  }

  /** As {@link #run(String, int, Duration, Duration, RequestSource)}, handing bodies to a sink. */
  public Result run(
      String name,
      int connections,
      Duration warmup,
      Duration duration,
      RequestSource source,
      ResponseSink sink)
      throws InterruptedException {
    AtomicLong sequence = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long end = measureFrom + duration.toNanos();
    long[][] samples = new long[connections][];
    AtomicLong errors = new AtomicLong();
    AtomicLong lastFinish = new AtomicLong(measureFrom);
    CountDownLatch done = new CountDownLatch(connections);
    Window window = new Window(measureFrom, end);
    for (int c = 0; c < connections; c++) {
      int slot = c;
      Thread t =
          new Thread(
              () -> {
                LongSamples mine = new LongSamples();
                try {
                  loop(source, sink, sequence, window, mine, errors, lastFinish);
                } finally {
                  synchronized (samples) {
                    samples[slot] = mine.toArray();
                  }
                  done.countDown();
                }
              },
              "load-" + name + "-" + c);
      t.setDaemon(true);
      t.start();
    }
    done.await();
    long[] all;
    synchronized (samples) {
      all = Arrays.stream(samples).flatMapToLong(Arrays::stream).sorted().toArray();
    }
    double seconds = Math.max(1e-9, (Math.min(end, lastFinish.get()) - measureFrom) / 1e9);
    return new Result(name, connections, all.length, errors.get(), seconds, all);
  }

  private record Window(long from, long to) {}

  private void loop(
      RequestSource source,
      ResponseSink sink,
      AtomicLong sequence,
      Window window,
      LongSamples samples,
      AtomicLong errors,
      AtomicLong lastFinish) {
    Connection connection = null;
    int consecutiveFailures = 0;
    try {
      while (System.nanoTime() < window.to()) {
        long seq = sequence.getAndIncrement();
        byte[] request = source.next(seq);
        if (request == null) {
          return;
        }
        if (connection == null) {
          connection = open();
        }
        long sent = System.nanoTime();
        Response response;
        try {
          connection.out().write(request);
          connection.out().flush();
          response = connection.reader().read(sink != null);
          consecutiveFailures = 0;
        } catch (IOException | RuntimeException e) {
          response = new Response(-1, false, NO_BODY);
          consecutiveFailures++;
        }
        long finished = System.nanoTime();
        if (sink != null) {
          sink.accept(seq, response.status(), response.body() == null ? NO_BODY : response.body());
        }
        if (sent >= window.from() && finished <= window.to()) {
          if (response.status() >= 200 && response.status() < 400) {
            samples.add(finished - sent);
          } else {
            errors.incrementAndGet();
          }
          lastFinish.accumulateAndGet(finished, Math::max);
        }
        if (!response.keepAlive()) {
          closeQuietly(connection);
          connection = null;
        }
        if (consecutiveFailures >= 100) {
          return; // the server is gone: stop rather than spin
        }
      }
    } catch (IOException e) {
      errors.incrementAndGet();
    } finally {
      closeQuietly(connection);
    }
  }

  private Connection open() throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(30_000);
      return new Connection(
          socket, new ResponseReader(socket.getInputStream()), socket.getOutputStream());
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private record Connection(Socket socket, ResponseReader reader, OutputStream out) {}

  /** Reads one response from {@code in}: for tests and one-off requests. */
  static Response readResponse(InputStream in, boolean keepBody) throws IOException {
    return new ResponseReader(in).read(keepBody);
  }

  /**
   * Sends one request on a fresh connection and returns the response with its body: for probes such
   * as waiting for a server to answer.
   */
  static Response exchange(String host, int port, byte[] request, int timeoutMillis)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return new ResponseReader(socket.getInputStream()).read(true);
    }
  }

  /**
   * An HTTP/1.1 response parser over its own buffer, kept per connection: status line, headers
   * (only Content-Length, Transfer-Encoding and Connection matter), and a Content-Length, chunked,
   * or read-to-close body.
   */
  static final class ResponseReader {
    private static final int MAX_LINE = 16 * 1024;
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    // Bounds of the last line read, within buffer (a line never spans a refill: see readLine).
    private int lineStart;
    private int lineEnd;

    ResponseReader(InputStream in) {
      this.in = in;
    }

    Response read(boolean keepBody) throws IOException {
      if (!readLine()) {
        throw new IOException("connection closed before a status line");
      }
      if (lineEnd - lineStart < 12 || !startsWith(lineStart, ascii("HTTP/1."))) {
        throw new IOException("not an HTTP/1.x status line");
      }
      int status = parseDecimal(lineStart + 9, lineStart + 12);
      boolean http10 = buffer[lineStart + 7] == '0';
      long contentLength = -1;
      boolean chunked = false;
      boolean keepAlive = !http10;
      while (true) {
        if (!readLine()) {
          throw new IOException("connection closed inside the headers");
        }
        if (lineEnd == lineStart) {
          break;
        }
        int colon = indexOf(lineStart, lineEnd, (byte) ':');
        if (colon < 0) {
          continue;
        }
        int valueStart = skipSpaces(colon + 1, lineEnd);
        int valueEnd = trimEnd(valueStart, lineEnd);
        if (nameIs(lineStart, colon, CONTENT_LENGTH)) {
          contentLength = parseDecimal(valueStart, valueEnd);
        } else if (nameIs(lineStart, colon, TRANSFER_ENCODING)) {
          chunked = containsIgnoreCase(valueStart, valueEnd, CHUNKED);
        } else if (nameIs(lineStart, colon, CONNECTION)) {
          if (containsIgnoreCase(valueStart, valueEnd, CLOSE)) {
            keepAlive = false;
          } else if (containsIgnoreCase(valueStart, valueEnd, ascii("keep-alive"))) {
            keepAlive = true;
          }
        }
      }
      ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream() : null;
      if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
        // no body
      } else if (chunked) {
        while (true) {
          if (!readLine()) {
            throw new IOException("truncated chunked body");
          }
          int semi = indexOf(lineStart, lineEnd, (byte) ';');
          int sizeEnd = trimEnd(lineStart, semi < 0 ? lineEnd : semi);
          long size = parseHex(skipSpaces(lineStart, sizeEnd), sizeEnd);
          if (size == 0) {
            do {
              if (!readLine()) {
                throw new IOException("truncated chunked trailer");
              }
            } while (lineEnd != lineStart);
            break;
          }
          consume(size, body);
          if (!readLine() || lineEnd != lineStart) {
            throw new IOException("chunk not followed by CRLF");
          }
        }
      } else if (contentLength >= 0) {
        consume(contentLength, body);
      } else {
        consumeToEnd(body);
        keepAlive = false;
      }
      return new Response(status, keepAlive, body == null ? null : body.toByteArray());
    }

    /** Reads up to the next LF; false at end of stream with nothing read. */
    private boolean readLine() throws IOException {
      while (true) {
        int lf = indexOf(position, limit, (byte) '\n');
        if (lf >= 0) {
          lineStart = position;
          lineEnd = lf > position && buffer[lf - 1] == '\r' ? lf - 1 : lf;
          position = lf + 1;
          return true;
        }
        if (limit - position >= MAX_LINE) {
          throw new IOException("line longer than " + MAX_LINE + " bytes");
        }
        if (!fill()) {
          if (position == limit) {
            return false;
          }
          throw new IOException("connection closed inside a line");
        }
      }
    }

    /** Compacts the buffer and reads more; false at end of stream. */
    private boolean fill() throws IOException {
      if (position > 0) {
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
      }
      int read = in.read(buffer, limit, buffer.length - limit);
      if (read < 0) {
        return false;
      }
      limit += read;
      return true;
    }

    private void consume(long n, ByteArrayOutputStream body) throws IOException {
      long left = n;
      while (left > 0) {
        if (position == limit && !fill()) {
          throw new IOException("truncated body");
        }
        int take = (int) Math.min(left, limit - position);
        if (body != null) {
          body.write(buffer, position, take);
        }
        position += take;
        left -= take;
      }
    }

    private void consumeToEnd(ByteArrayOutputStream body) throws IOException {
      while (true) {
        if (body != null) {
          body.write(buffer, position, limit - position);
        }
        position = limit;
        if (!fill()) {
          return;
        }
      }
    }

    private int indexOf(int from, int to, byte b) {
      for (int i = from; i < to; i++) {
        if (buffer[i] == b) {
          return i;
        }
      }
      return -1;
    }

    private boolean startsWith(int at, byte[] prefix) {
      if (at + prefix.length > limit) {
        return false;
      }
      for (int i = 0; i < prefix.length; i++) {
        if (buffer[at + i] != prefix[i]) {
          return false;
        }
      }
      return true;
    }

    private boolean nameIs(int from, int to, byte[] lowerName) {
      int end = trimEnd(from, to);
      if (end - from != lowerName.length) {
        return false;
      }
      for (int i = 0; i < lowerName.length; i++) {
        if (lower(buffer[from + i]) != lowerName[i]) {
          return false;
        }
      }
      return true;
    }

    private boolean containsIgnoreCase(int from, int to, byte[] lowerNeedle) {
      outer:
      for (int i = from; i + lowerNeedle.length <= to; i++) {
        for (int j = 0; j < lowerNeedle.length; j++) {
          if (lower(buffer[i + j]) != lowerNeedle[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    }

    private int skipSpaces(int from, int to) {
      int i = from;
      while (i < to && (buffer[i] == ' ' || buffer[i] == '\t')) {
        i++;
      }
      return i;
    }

    private int trimEnd(int from, int to) {
      int i = to;
      while (i > from && (buffer[i - 1] == ' ' || buffer[i - 1] == '\t')) {
        i--;
      }
      return i;
    }

    private int parseDecimal(int from, int to) throws IOException {
      if (from >= to || to - from > 9) {
        throw new IOException("bad decimal number");
      }
      int value = 0;
      for (int i = from; i < to; i++) {
        int digit = buffer[i] - '0';
        if (digit < 0 || digit > 9) {
          throw new IOException("bad decimal number");
        }
        value = value * 10 + digit;
      }
      return value;
    }

    private long parseHex(int from, int to) throws IOException {
      if (from >= to || to - from > 15) {
        throw new IOException("bad chunk size");
      }
      long value = 0;
      for (int i = from; i < to; i++) {
        int digit = Character.digit(buffer[i], 16);
        if (digit < 0) {
          throw new IOException("bad chunk size");
        }
        value = value * 16 + digit;
      }
      return value;
    }

    private static byte lower(byte b) {
      return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    private static byte[] ascii(String s) {
      return s.getBytes(StandardCharsets.US_ASCII);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.socket().close();
      } catch (IOException ignored) {
        // closing a finished connection
      }
    }
  }

  /** A growable array of longs, without boxing. */
  private static final class LongSamples {
    private long[] values = new long[4096];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  /** Convenience for sources that repeat one request forever. */
  public static RequestSource repeat(byte[] request) {
    return seq -> request;
  }

  /** Convenience for sources that cycle through prepared requests. */
  public static RequestSource cycle(List<byte[]> requests) {
    List<byte[]> copy = List.copyOf(requests);
    return seq -> copy.get((int) (seq % copy.size()));
  }

  /** Each prepared request once, then dry. */
  public static RequestSource once(List<byte[]> requests) {
    List<byte[]> copy = new ArrayList<>(requests);
    return seq -> seq < copy.size() ? copy.get((int) seq) : null;
  }
}

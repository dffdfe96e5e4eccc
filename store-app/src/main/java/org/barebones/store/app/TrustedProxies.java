package org.barebones.store.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The proxies whose forwarded headers the server believes ({@code trustedProxies}: IPv4 and IPv6
 * addresses or CIDR ranges), and the rule that names the client behind them: the right-most address
 * of {@code X-Forwarded-For} that is not itself a trusted proxy. Each trusted proxy appends the
 * address it received the request from, so that address was written by a proxy of ours; anything
 * further left came from the client and may be forged.
 */
final class TrustedProxies {

  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private final List<Range> ranges;

  private record Range(byte[] network, int prefix) {
    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      int whole = prefix / 8;
      for (int i = 0; i < whole; i++) {
        if (bytes[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (bytes[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public String toString() {
      return literal(network) + "/" + prefix;
    }
  }

  private TrustedProxies(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /**
   * Parses {@code entries} ("10.0.0.7", "10.0.0.0/8", "2001:db8::/32"); throws {@link
   * IllegalArgumentException} naming the first one that is neither an address nor a range.
   */
  static TrustedProxies parse(List<String> entries) {
    return new TrustedProxies(entries.stream().map(TrustedProxies::range).toList());
  }

  static TrustedProxies none() {
    return new TrustedProxies(List.of());
  }

  boolean isEmpty() {
    return ranges.isEmpty();
  }

  boolean trusts(InetAddress address) {
    return ranges.stream().anyMatch(r -> r.contains(address));
  }

  /**
   * The client behind trusted proxy {@code peer}, from the request's {@code X-Forwarded-For} values
   * in the order received (each may be a comma-separated list): the right-most one that is not a
   * trusted proxy; if every one is, the left-most. Empty when there is none, or when the one chosen
   * is not an IP address (then the peer stands for the client).
   */
  Optional<InetAddress> clientBehind(List<String> forwardedFor) {
    List<String> hops =
        forwardedFor.stream()
            .flatMap(v -> Arrays.stream(v.split(",")))
            .map(String::trim)
            .filter(h -> !h.isEmpty())
            .toList();
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = hopAddress(hops.get(i));
      if (hop.isEmpty()) {
        return Optional.empty();
      }
      if (!trusts(hop.get()) || i == 0) {
        return hop;
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return ranges.toString();
  }

  private static Range range(String entry) {
    String text = entry == null ? "" : entry.trim();
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    InetAddress parsed =
        addressLiteral(address)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "trustedProxies: \"" + entry + "\" is not an IP address or CIDR range"));
    int bits = parsed.getAddress().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException(
            "trustedProxies: \"" + entry + "\" has a prefix length outside 0-" + bits);
      }
    }
    return new Range(parsed.getAddress(), prefix);
  }

  /** One hop of {@code X-Forwarded-For}: an address, perhaps with a port or in brackets. */
  static Optional<InetAddress> hopAddress(String hop) {
    String h = hop.trim();
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? Optional.empty() : addressLiteral(h.substring(1, end));
    }
    int colon = h.indexOf(':');
    if (colon >= 0 && colon == h.lastIndexOf(':')) {
      // IPv4 with a port
      h = h.substring(0, colon);
    }
    return addressLiteral(h);
  }

  /** An IP address literal, parsed without any name lookup; empty for anything else. */
  static Optional<InetAddress> addressLiteral(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    boolean v4 = IPV4.matcher(t).matches();
    boolean v6 = !v4 && t.indexOf(':') >= 0 && IPV6.matcher(t).matches();
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      // A literal: no name lookup is made for it.
      return Optional.of(InetAddress.getByName(t));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static String literal(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      return Arrays.toString(bytes);
    }
  }
}

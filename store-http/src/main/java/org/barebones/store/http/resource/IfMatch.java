package org.barebones.store.http.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Reads an {@code If-Match} header (RFC 9110 13.1.1) as the product version a change must apply to.
 * {@code *} or no header: any version. Strong tags only: a weak or unreadable tag matches no
 * version, so the change is refused with 412.
 */
final class IfMatch {
  /** A version no product has, so that the domain refuses the change with 412. */
  static final long NO_VERSION = Long.MIN_VALUE;

  private IfMatch() {}

  static Optional<Long> expectedVersion(String header, LongSupplier currentVersion) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    List<Long> versions = new ArrayList<>();
    for (String part : header.split(",")) {
      String tag = part.trim();
      if (tag.equals("*")) {
        return Optional.empty();
      }
      versions.add(strongVersion(tag));
    }
    if (versions.size() == 1) {
      return Optional.of(versions.get(0));
    }
    // Several tags: the change applies if any is current, so pin the current one if listed.
    long current = currentVersion.getAsLong();
    return Optional.of(versions.contains(current) ? current : NO_VERSION);
  }

  private static long strongVersion(String tag) {
    if (tag.length() < 3 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
      return NO_VERSION;
    }
    String inner = tag.substring(1, tag.length() - 1);
    if (inner.isEmpty()
        || inner.length() > 19
        || !inner.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return NO_VERSION;
    }
    try {
      return Long.parseLong(inner);
    } catch (NumberFormatException e) {
      return NO_VERSION;
    }
  }
}

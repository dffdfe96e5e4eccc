package org.barebones.store.http;

import java.util.Objects;

/**
 * Settings of the HTTP adapter that the server's configuration decides.
 *
 * @param maxRequestBodyBytes the largest request body accepted; a larger one is answered 413 before
 *     any of it reaches a resource
 * @param catalogueCacheControl the {@code Cache-Control} of the public catalogue's GETs (products
 *     and producers, pages and single ones); cart views are always {@code private, no-cache}
 */
public record HttpSettings(long maxRequestBodyBytes, String catalogueCacheControl) {

  /** 64 KiB: far more than any request of this API needs. */
  public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 64 * 1024;

  /**
   * Any cache may keep the catalogue but must ask again before each use (a conditional GET, which
   * costs a 304 when nothing changed): stock changes with every sale, so a stale page would offer
   * units that are gone.
   */
  public static final String DEFAULT_CATALOGUE_CACHE_CONTROL = "no-cache";

  public HttpSettings {
    if (maxRequestBodyBytes < 1 || maxRequestBodyBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "maxRequestBodyBytes must be between 1 and " + (Integer.MAX_VALUE - 8));
    }
    Objects.requireNonNull(catalogueCacheControl, "catalogueCacheControl");
    if (catalogueCacheControl.isBlank()
        || !catalogueCacheControl.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "catalogueCacheControl must be a non-blank header value of printable ASCII");
    }
  }

  /** The default {@code Cache-Control} with this body limit. */
  public HttpSettings(long maxRequestBodyBytes) {
    this(maxRequestBodyBytes, DEFAULT_CATALOGUE_CACHE_CONTROL);
  }

  public static HttpSettings defaults() {
    return new HttpSettings(DEFAULT_MAX_REQUEST_BODY_BYTES);
  }
}

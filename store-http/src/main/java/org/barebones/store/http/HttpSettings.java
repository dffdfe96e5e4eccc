package org.barebones.store.http;

/**
 * Settings of the HTTP adapter that the server's configuration decides.
 *
 * @param maxRequestBodyBytes the largest request body accepted; a larger one is answered 413 before
 *     any of it reaches a resource
 */
public record HttpSettings(long maxRequestBodyBytes) {

  /** 64 KiB: far more than any request of this API needs. */
  public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 64 * 1024;

  public HttpSettings {
    if (maxRequestBodyBytes < 1 || maxRequestBodyBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "maxRequestBodyBytes must be between 1 and " + (Integer.MAX_VALUE - 8));
    }
  }

  public static HttpSettings defaults() {
    return new HttpSettings(DEFAULT_MAX_REQUEST_BODY_BYTES);
  }
}

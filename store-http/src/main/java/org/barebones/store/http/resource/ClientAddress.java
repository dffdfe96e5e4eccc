package org.barebones.store.http.resource;

import jakarta.inject.Provider;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's address as every per-client limit of the API sees it (login throttling, the sign-up
 * and cart creation limits): the servlet request's remote address. The server puts the address from
 * {@code X-Forwarded-For} there only for a request whose peer is one of its configured trusted
 * proxies (with Dropwizard's {@code useForwardedHeaders} on), so a client cannot choose its own.
 */
final class ClientAddress {
  private ClientAddress() {}

  /** The address, or empty outside a servlet container (an in-process test application). */
  static String of(Provider<HttpServletRequest> servletRequest) {
    HttpServletRequest request = servletRequest == null ? null : servletRequest.get();
    if (request == null) {
      return "";
    }
    String address = request.getRemoteAddr();
    return address == null ? "" : address;
  }
}

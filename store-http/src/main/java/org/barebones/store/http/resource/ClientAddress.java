package org.barebones.store.http.resource;

import jakarta.inject.Provider;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's address as every per-client limit of the API sees it (login throttling, the cart
 * creation limit): the servlet request's remote address. Jetty puts the address from {@code
 * Forwarded}/{@code X-Forwarded-For} there only when the server's connector is configured to trust
 * those headers (Dropwizard's {@code useForwardedHeaders}), so a client cannot choose its own.
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

package org.barebones.store.app;

import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;

/**
 * Response headers of the store's own pages ({@code /shop/}, {@code /dashboard/} and what they
 * share): the browser loads and calls nothing but this origin, no other site may frame them, and
 * types are not sniffed. The pages keep tokens in the browser's storage; this is their second line
 * against injected script.
 */
final class PageHeaders implements Filter {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none';"
          + " object-src 'none'";

  static void install(Environment environment, String... paths) {
    environment
        .servlets()
        .addFilter("page-headers", new PageHeaders())
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, paths);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (response instanceof HttpServletResponse http) {
      http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      http.setHeader("X-Content-Type-Options", "nosniff");
      http.setHeader("Referrer-Policy", "same-origin");
    }
    chain.doFilter(request, response);
  }
}

package org.barebones.store.http.resource;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;
import org.barebones.store.http.problem.HttpProblem;

/**
 * Keyset paging of list endpoints: reads {@code after} and {@code limit} (400 when out of range)
 * and answers a page as a bare array with an RFC 8288 {@code Link: <...>; rel="next"} when more
 * rows match, keeping the request's other parameters.
 */
final class Paging {
  private static final String AFTER = "after";
  private static final String LIMIT = "limit";

  private Paging() {}

  static PageRequest request(String after, String limit) {
    long afterId = Params.optionalLong(after, AFTER).orElse(0);
    if (afterId < 0) {
      throw HttpProblem.badParameter(AFTER, "must be 0 or a positive id");
    }
    OptionalLong size = Params.optionalLong(limit, LIMIT);
    if (size.isPresent() && (size.getAsLong() < 1 || size.getAsLong() > PageRequest.MAX_LIMIT)) {
      throw HttpProblem.badParameter(LIMIT, "must be between 1 and " + PageRequest.MAX_LIMIT);
    }
    return new PageRequest(afterId, (int) size.orElse(PageRequest.DEFAULT_LIMIT));
  }

  /** The 200 of {@link #ok}, built: for pages that carry no entity tag. */
  static Response respond(Page<?> page, List<?> body, PageRequest request, UriInfo uri) {
    return ok(page, body, request, uri).build();
  }

  /** A 200 of {@code body}, with the link to the next page when there is one. */
  static Response.ResponseBuilder ok(Page<?> page, List<?> body, PageRequest request, UriInfo uri) {
    Response.ResponseBuilder response = Response.ok(body);
    page.nextAfter()
        .ifPresent(
            next ->
                response.header(
                    HttpHeaders.LINK, nextLink(uri.getRequestUri(), next, request.limit())));
    return response;
  }

  /**
   * {@code <request URI, its after and limit replaced>; rel="next"}. Built as a string: {@code
   * UriBuilder} and {@code Link} parse, template and re-encode the whole URI for it, a cost every
   * listing page would pay. The request's other parameters are kept as they were sent (still
   * encoded), in their order; a character beyond ASCII that the client sent unencoded (a search's
   * {@code q=thé}) is percent-encoded in UTF-8, so that the header stays ASCII.
   */
  static String nextLink(URI requestUri, long after, int limit) {
    String uri = requestUri.toASCIIString();
    int query = uri.indexOf('?');
    StringBuilder link = new StringBuilder(uri.length() + 48).append('<');
    link.append(uri, 0, query < 0 ? uri.length() : query).append('?');
    if (query >= 0) {
      int start = query + 1;
      while (start <= uri.length()) {
        int end = uri.indexOf('&', start);
        if (end < 0) {
          end = uri.length();
        }
        if (end > start && !isPagingParameter(uri.substring(start, end))) {
          link.append(uri, start, end).append('&');
        }
        start = end + 1;
      }
    }
    return link.append(AFTER)
        .append('=')
        .append(after)
        .append('&')
        .append(LIMIT)
        .append('=')
        .append(limit)
        .append(">; rel=\"next\"")
        .toString();
  }

  private static boolean isPagingParameter(String parameter) {
    int equals = parameter.indexOf('=');
    String name = equals < 0 ? parameter : parameter.substring(0, equals);
    if (name.indexOf('%') >= 0 || name.indexOf('+') >= 0) {
      try {
        name = URLDecoder.decode(name, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException malformed) {
        return false; // Jersey would not have read it as after or limit either
      }
    }
    return name.equals(AFTER) || name.equals(LIMIT);
  }
}

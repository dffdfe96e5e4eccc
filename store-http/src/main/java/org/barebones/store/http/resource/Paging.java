package org.barebones.store.http.resource;

import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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
  private Paging() {}

  static PageRequest request(String after, String limit) {
    long afterId = Params.optionalLong(after, "after").orElse(0);
    if (afterId < 0) {
      throw HttpProblem.badParameter("after", "must be 0 or a positive id");
    }
    OptionalLong size = Params.optionalLong(limit, "limit");
    if (size.isPresent() && (size.getAsLong() < 1 || size.getAsLong() > PageRequest.MAX_LIMIT)) {
      throw HttpProblem.badParameter("limit", "must be between 1 and " + PageRequest.MAX_LIMIT);
    }
    return new PageRequest(afterId, (int) size.orElse(PageRequest.DEFAULT_LIMIT));
  }

  static Response respond(Page<?> page, List<?> body, PageRequest request, UriInfo uri) {
    Response.ResponseBuilder response = Response.ok(body);
    page.nextAfter()
        .ifPresent(
            next ->
                response.links(
                    Link.fromUriBuilder(
                            uri.getRequestUriBuilder()
                                .replaceQueryParam("after", next)
                                .replaceQueryParam("limit", request.limit()))
                        .rel("next")
                        .build()));
    return response.build();
  }
}

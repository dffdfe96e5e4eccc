package org.barebones.store.http.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import org.barebones.store.domain.idempotency.IdempotencyKeyInUseException;
import org.barebones.store.domain.order.InsufficientStockException;
import org.barebones.store.domain.order.PriceChangedException;
import org.barebones.store.domain.shared.DomainException;
import org.barebones.store.domain.shared.InvalidInputException;
import org.barebones.store.domain.shared.TooManyAttemptsException;

/** Builds the RFC 9457 responses of every error this API answers. */
public final class Problems {

  public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

  /** The challenge every 401 carries (RFC 6750). */
  public static final String BEARER_CHALLENGE = "Bearer realm=\"barebones-store\"";

  private Problems() {}

  /** The HTTP status that answers a domain failure of this kind. */
  public static int statusOf(DomainException.Kind kind) {
    return switch (kind) {
      case NOT_FOUND -> 404;
      case FORBIDDEN -> 403;
      case UNAUTHENTICATED -> 401;
      case INVALID -> 422;
      case CONFLICT -> 409;
      case PRECONDITION_FAILED -> 412;
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
    };
  }

  public static Response of(DomainException e) {
    int status = statusOf(e.kind());
    Problem problem = Problem.of(status, e.code(), e.title(), e.detail());
    if (e instanceof InvalidInputException invalid && !invalid.violations().isEmpty()) {
      problem = withErrors(problem, invalid);
    } else if (e instanceof InsufficientStockException stock) {
      problem = withShortages(problem, stock);
    } else if (e instanceof PriceChangedException moved) {
      problem = withChanges(problem, moved);
    }
    Response.ResponseBuilder response = builder(problem);
    if (status == 401) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
    }
    if (e instanceof TooManyAttemptsException tooMany) {
      response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(tooMany.retryAfter()));
    }
    if (e instanceof IdempotencyKeyInUseException inUse) {
      response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(inUse.retryAfter()));
    }
    return response.build();
  }

  public static Response of(HttpProblem e) {
    return builder(Problem.of(e.status(), e.code(), e.title(), e.detail())).build();
  }

  public static Response.ResponseBuilder builder(Problem problem) {
    return Response.status(problem.status()).type(PROBLEM_JSON).entity(problem);
  }

  /** Whole seconds, rounded up, and at least 1: "retry at once" would defeat the throttle. */
  static long retryAfterSeconds(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  private static Problem withErrors(Problem p, InvalidInputException e) {
    List<Problem.FieldError> errors =
        e.violations().stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList();
    return new Problem(p.type(), p.title(), p.status(), p.detail(), errors, null, null);
  }

  private static Problem withShortages(Problem p, InsufficientStockException e) {
    List<Problem.ShortageEntry> shortages =
        e.shortages().stream()
            .map(
                s -> new Problem.ShortageEntry(s.productId().value(), s.requested(), s.available()))
            .toList();
    return new Problem(p.type(), p.title(), p.status(), p.detail(), null, shortages, null);
  }

  private static Problem withChanges(Problem p, PriceChangedException e) {
    List<Problem.PriceChangeEntry> changes =
        e.changes().stream()
            .map(
                c ->
                    new Problem.PriceChangeEntry(
                        c.productId().value(),
                        c.oldUnitPrice().amount(),
                        c.newUnitPrice().amount()))
            .toList();
    return new Problem(p.type(), p.title(), p.status(), p.detail(), null, null, changes);
  }
}

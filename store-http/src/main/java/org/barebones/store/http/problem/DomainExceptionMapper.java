package org.barebones.store.http.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.barebones.store.domain.shared.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where domain failures become HTTP answers: its kind gives the status, its code the
 * problem type. Resources never catch domain exceptions; they all end here.
 */
public final class DomainExceptionMapper implements ExceptionMapper<DomainException> {
  private static final Logger LOG = LoggerFactory.getLogger(DomainExceptionMapper.class);

  @Override
  public Response toResponse(DomainException e) {
    if (e.kind() == DomainException.Kind.UNAVAILABLE) {
      LOG.warn("Store unavailable: {}", e.detail(), e);
    } else {
      LOG.debug("Request refused: {} {}", e.code(), e.detail());
    }
    return Problems.of(e);
  }
}

package org.barebones.store.http.resource;

import jakarta.inject.Provider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Providers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.idempotency.IdempotencyKey;
import org.barebones.store.domain.idempotency.IdempotencyOwner;
import org.barebones.store.domain.idempotency.IdempotentOutcome;
import org.barebones.store.domain.idempotency.IdempotentRequest;
import org.barebones.store.domain.idempotency.KeptAnswer;
import org.barebones.store.domain.idempotency.RequestFingerprint;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.shared.DomainException;

/**
 * The HTTP side of idempotent requests: turns a request with an {@code Idempotency-Key} into the
 * domain's command (its owner, its key, the fingerprint of its method, path and body), has the
 * domain carry it out once, and turns the answer the domain kept back into a response. The answer
 * is rendered to bytes before it is kept, and the first response is sent from those same bytes, so
 * a replay is the first answer byte for byte, with {@code Idempotent-Replayed: true} added.
 */
final class Idempotency {

  static final String KEY_HEADER = "Idempotency-Key";
  static final String REPLAYED_HEADER = "Idempotent-Replayed";

  private static final Annotation[] NO_ANNOTATIONS = new Annotation[0];

  private Idempotency() {}

  /**
   * {@code work}'s response; with an {@code Idempotency-Key}, carried out at most once for the
   * caller named by {@code owner} (asked only then).
   */
  static Response answer(
      Store store,
      ContainerRequestContext request,
      Providers providers,
      Supplier<IdempotencyOwner> owner,
      Supplier<Response> work) {
    String key = request.getHeaderString(KEY_HEADER);
    if (key == null) {
      return work.get();
    }
    Object body = request.getProperty(IdempotencyKeyFilter.BODY);
    RequestFingerprint fingerprint =
        RequestFingerprint.of(
            request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath(),
            body instanceof byte[] bytes ? bytes : new byte[0]);
    IdempotentOutcome outcome =
        store
            .idempotentRequests()
            .perform(
                new IdempotentRequest(owner.get(), new IdempotencyKey(key), fingerprint),
                () -> render(work.get(), providers),
                refusal -> render(mapped(refusal, providers), providers));
    return respond(outcome);
  }

  /**
   * The owner of a request that needs no token: the producer of a valid producer token if one is
   * sent anyway, else the client's address (as the per-address limits see it).
   */
  static IdempotencyOwner callerOrAddress(
      Store store, ContainerRequestContext request, Provider<HttpServletRequest> servletRequest) {
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      try {
        if (store.tokens().verify(authorization.substring(7).trim())
            instanceof Caller.ProducerCaller producer) {
          return IdempotencyOwner.producer(producer.producerId());
        }
      } catch (RuntimeException notAProducersToken) {
        // This endpoint needs no token: a bad one is ignored, as it always was.
      }
    }
    return IdempotencyOwner.clientAddress(ClientAddress.of(servletRequest));
  }

  private static Response mapped(DomainException refusal, Providers providers) {
    @SuppressWarnings("unchecked")
    ExceptionMapper<DomainException> mapper =
        (ExceptionMapper<DomainException>) providers.getExceptionMapper(refusal.getClass());
    return mapper.toResponse(refusal);
  }

  /** The response as the answer to keep: status, headers as sent, the entity's bytes. */
  private static KeptAnswer render(Response response, Providers providers) {
    Object entity = response.getEntity();
    MediaType type =
        response.getMediaType() != null ? response.getMediaType() : MediaType.APPLICATION_JSON_TYPE;
    List<KeptAnswer.Header> headers = new ArrayList<>();
    byte[] bytes = new byte[0];
    if (entity != null) {
      bytes = entity instanceof byte[] raw ? raw : write(entity, type, providers);
      headers.add(new KeptAnswer.Header(HttpHeaders.CONTENT_TYPE, type.toString()));
    }
    for (Map.Entry<String, List<String>> header : response.getStringHeaders().entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("content-type") || name.equals("content-length")) {
        continue;
      }
      for (String value : header.getValue()) {
        headers.add(new KeptAnswer.Header(header.getKey(), value));
      }
    }
    return new KeptAnswer(response.getStatus(), headers, bytes);
  }

  private static byte[] write(Object entity, MediaType type, Providers providers) {
    @SuppressWarnings("unchecked")
    Class<Object> kind = (Class<Object>) entity.getClass();
    MessageBodyWriter<Object> writer =
        providers.getMessageBodyWriter(kind, kind, NO_ANNOTATIONS, type);
    Objects.requireNonNull(writer, () -> "no writer of " + kind + " as " + type);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.writeTo(entity, kind, kind, NO_ANNOTATIONS, type, new MultivaluedHashMap<>(), out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not render " + kind, e);
    }
    return out.toByteArray();
  }

  private static Response respond(IdempotentOutcome outcome) {
    KeptAnswer answer = outcome.answer();
    Response.ResponseBuilder response = Response.status(answer.status());
    for (KeptAnswer.Header header : answer.headers()) {
      if (header.name().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
        response.type(header.value());
      } else {
        response.header(header.name(), header.value());
      }
    }
    byte[] body = answer.body();
    if (body.length > 0) {
      response.entity(body);
    }
    if (outcome.replayed()) {
      response.header(REPLAYED_HEADER, "true");
    }
    return response.build();
  }
}

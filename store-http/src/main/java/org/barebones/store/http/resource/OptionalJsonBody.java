package org.barebones.store.http.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Providers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import org.barebones.store.http.problem.HttpProblem;
import org.barebones.store.http.problem.JsonProblemMapper;

/**
 * Reads a body that an endpoint tolerates but does not need (a checkout's expected total, a
 * deletion's producer id): empty means absent, and anything else is read as JSON whatever its
 * declared type, since clients of the original API sent such bodies without one.
 */
final class OptionalJsonBody {
  private static final Annotation[] NO_ANNOTATIONS = new Annotation[0];

  private OptionalJsonBody() {}

  /** The body as {@code type}, or {@code null} if there is none (or it is JSON {@code null}). */
  static <T> T read(byte[] body, Class<T> type, Providers providers) {
    if (body == null || body.length == 0) {
      return null;
    }
    MessageBodyReader<T> json =
        providers.getMessageBodyReader(type, type, NO_ANNOTATIONS, MediaType.APPLICATION_JSON_TYPE);
    try {
      return json.readFrom(
          type,
          type,
          NO_ANNOTATIONS,
          MediaType.APPLICATION_JSON_TYPE,
          new MultivaluedHashMap<>(),
          new ByteArrayInputStream(body));
    } catch (JsonProcessingException e) {
      throw HttpProblem.malformed(JsonProblemMapper.describe(e));
    } catch (IOException e) {
      throw HttpProblem.malformed("The request body cannot be read");
    }
  }
}

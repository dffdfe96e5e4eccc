package org.barebones.store.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An HTTP answer as a test sees it: status, headers (names in any case) and the raw body. */
public record Reply(int status, Map<String, List<String>> headers, String body) {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

  public Reply {
    TreeMap<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseless.putAll(headers);
    headers = caseless;
  }

  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public String contentType() {
    return header("Content-Type");
  }

  public JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  /** Asserts that this is an RFC 9457 problem of {@code status} and {@code code}; returns it. */
  public JsonNode assertProblem(int status, String code) {
    assertThat(this.status).as("status of %s", body).isEqualTo(status);
    assertThat(contentType()).as("content type of %s", body).startsWith("application/problem+json");
    JsonNode problem = json();
    assertThat(problem.path("type").asText()).as(body).isEqualTo("/problems/" + code);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    return problem;
  }

  @Override
  public String toString() {
    return status + " " + headers + " " + body;
  }
}

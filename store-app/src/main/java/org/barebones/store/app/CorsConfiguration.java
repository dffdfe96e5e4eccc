package org.barebones.store.app;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.handler.CrossOriginHandler;

/**
 * The {@code cors} block: which browser origins may call the API, and what they may send and read.
 * With no {@code allowedOrigins} (the default) CORS is off and no CORS header is ever sent.
 */
public class CorsConfiguration {

  /** Exact origins ({@code https://shop.example}); {@code *} allows any origin. */
  @NotNull private List<String> allowedOrigins = new ArrayList<>();

  @NotNull private List<String> allowedMethods = List.of("GET", "POST", "PUT", "DELETE");

  @NotNull
  private List<String> allowedHeaders =
      List.of("Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key");

  /**
   * Response headers a page may read: paging links, versions, created resources, back-off, and
   * whether an answer is a replay.
   */
  @NotNull
  private List<String> exposedHeaders =
      List.of("Link", "ETag", "Location", "Retry-After", "Idempotent-Replayed");

  @NotNull private Duration maxAge = Duration.minutes(10);

  /** Off: the API's tokens travel in {@code Authorization}, never in cookies. */
  private boolean allowCredentials = false;

  @JsonIgnore
  public boolean isEnabled() {
    return !allowedOrigins.isEmpty();
  }

  /** A Jetty handler answering preflights and adding CORS headers for the allowed origins. */
  public CrossOriginHandler build() {
    CrossOriginHandler cors = new CrossOriginHandler();
    Set<String> patterns = new LinkedHashSet<>();
    for (String origin : allowedOrigins) {
      // Jetty takes regular expressions; the configuration takes origins as written.
      patterns.add(origin.equals("*") ? ".*" : Pattern.quote(origin));
    }
    cors.setAllowedOriginPatterns(patterns);
    cors.setAllowedMethods(new LinkedHashSet<>(allowedMethods));
    cors.setAllowedHeaders(new LinkedHashSet<>(allowedHeaders));
    cors.setExposedHeaders(new LinkedHashSet<>(exposedHeaders));
    cors.setPreflightMaxAge(maxAge.toJavaDuration());
    cors.setAllowCredentials(allowCredentials);
    return cors;
  }

  @JsonProperty
  public List<String> getAllowedOrigins() {
    return allowedOrigins;
  }

  @JsonProperty
  public void setAllowedOrigins(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  @JsonProperty
  public List<String> getAllowedMethods() {
    return allowedMethods;
  }

  @JsonProperty
  public void setAllowedMethods(List<String> allowedMethods) {
    this.allowedMethods = allowedMethods;
  }

  @JsonProperty
  public List<String> getAllowedHeaders() {
    return allowedHeaders;
  }

  @JsonProperty
  public void setAllowedHeaders(List<String> allowedHeaders) {
    this.allowedHeaders = allowedHeaders;
  }

  @JsonProperty
  public List<String> getExposedHeaders() {
    return exposedHeaders;
  }

  @JsonProperty
  public void setExposedHeaders(List<String> exposedHeaders) {
    this.exposedHeaders = exposedHeaders;
  }

  @JsonProperty
  public Duration getMaxAge() {
    return maxAge;
  }

  @JsonProperty
  public void setMaxAge(Duration maxAge) {
    this.maxAge = maxAge;
  }

  @JsonProperty
  public boolean isAllowCredentials() {
    return allowCredentials;
  }

  @JsonProperty
  public void setAllowCredentials(boolean allowCredentials) {
    this.allowCredentials = allowCredentials;
  }
}

package org.barebones.store.app;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.barebones.store.domain.event.EventType;
import org.barebones.store.http.webhook.WebhookEndpoint;
import org.barebones.store.http.webhook.WebhookSecret;

/**
 * Configuration: one webhook endpoint: {@code url}, {@code secret} ({@code whsec_} + base64 of
 * 24-64 bytes) and optionally {@code events}, the types it subscribes to (default: every type).
 */
public class WebhookEndpointConfiguration {

  @NotBlank private String url;

  // Never logged or shown: the checks below report only that it is malformed.
  @NotBlank private String secret;

  private List<String> events = new ArrayList<>();

  @JsonIgnore
  @AssertTrue(message = "must be an absolute http or https URL with a host")
  public boolean isUrlHttp() {
    if (url == null) {
      return true; // @NotBlank reports it
    }
    try {
      WebhookEndpoint.checkUrl(new URI(url));
      return true;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The longest URL: deliveries are kept under {@code webhook:} and the URL, in a column of 1,024
   * characters; a longer one would fail every event's insert, and with it every checkout.
   */
  static final int MAX_URL_LENGTH = 1016; // 1,024 less "webhook:"

  @JsonIgnore
  @AssertTrue(message = "must be at most " + MAX_URL_LENGTH + " characters long")
  public boolean isUrlShortEnough() {
    return url == null || url.length() <= MAX_URL_LENGTH;
  }

  @JsonIgnore
  @AssertTrue(message = "must be whsec_ followed by the base64 of 24 to 64 bytes")
  public boolean isSecretWhsecBase64() {
    if (secret == null || secret.isBlank()) {
      return true; // @NotBlank reports it
    }
    try {
      WebhookSecret.parse(secret);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @JsonIgnore
  @AssertTrue(
      message =
          "must name only order.placed, order.shipped, product.out_of_stock, order.canceled,"
              + " product.back_in_stock")
  public boolean isEventsKnown() {
    return events == null || events.stream().allMatch(e -> EventType.fromWireName(e).isPresent());
  }

  /** The endpoint this configures; call only once the configuration has been validated. */
  public WebhookEndpoint build() {
    Set<EventType> types =
        events == null || events.isEmpty()
            ? EnumSet.allOf(EventType.class)
            : EnumSet.copyOf(
                events.stream().map(e -> EventType.fromWireName(e).orElseThrow()).toList());
    return new WebhookEndpoint(URI.create(url), WebhookSecret.parse(secret), types);
  }

  @JsonProperty
  public String getUrl() {
    return url;
  }

  @JsonProperty
  public void setUrl(String url) {
    this.url = url;
  }

  // Write-only: a configuration dump never shows it.
  @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
  public void setSecret(String secret) {
    this.secret = secret;
  }

  @JsonIgnore
  String secret() {
    return secret;
  }

  @JsonProperty
  public List<String> getEvents() {
    return events;
  }

  @JsonProperty
  public void setEvents(List<String> events) {
    this.events = events;
  }
}

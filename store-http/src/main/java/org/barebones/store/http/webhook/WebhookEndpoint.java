package org.barebones.store.http.webhook;

import java.net.URI;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.barebones.store.domain.event.EventTarget;
import org.barebones.store.domain.event.EventType;

/**
 * Value: one configured webhook endpoint: an http(s) URL, its signing secret and the event types it
 * subscribes to.
 */
public record WebhookEndpoint(URI url, WebhookSecret secret, Set<EventType> events) {
  public WebhookEndpoint {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    checkUrl(url);
    if (events.isEmpty()) {
      throw new IllegalArgumentException(
          "webhook endpoint " + EventTarget.redact(url.toString()) + " subscribes to no event");
    }
    events = Set.copyOf(EnumSet.copyOf(events));
  }

  /** Refuses anything but an absolute http or https URL with a host. */
  public static void checkUrl(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException(
          "a webhook URL must be an absolute http or https URL with a host: "
              + EventTarget.redact(url.toString()));
    }
  }

  /** The URL as it may be logged or listed: without its user-info and query, where secrets hide. */
  public String redactedUrl() {
    return EventTarget.redact(url.toString());
  }

  /**
   * The name of this endpoint's deliveries in the outbox: {@code webhook:} and the URL, so that
   * every node with the same configuration shares them and a restart finds them again.
   */
  public String targetName() {
    return "webhook:" + url;
  }
}

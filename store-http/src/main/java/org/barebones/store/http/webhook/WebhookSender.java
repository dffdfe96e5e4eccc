package org.barebones.store.http.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.barebones.store.domain.event.EventListener;
import org.barebones.store.domain.event.EventTarget;
import org.barebones.store.domain.event.StoreEvent;
import org.barebones.store.http.api.EventResponse;

/**
 * Adapter: delivers events to one webhook endpoint: a POST of the event's JSON with the Standard
 * Webhooks headers, over the JDK's {@link HttpClient}, within a timeout. Any 2xx is a delivery;
 * anything else throws, and the dispatcher retries. Its failure messages name the status or the
 * kind of network failure, never the secret or the signature.
 */
public final class WebhookSender implements EventListener {

  /** A delivery that did not get a 2xx answer. */
  static final class DeliveryFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    DeliveryFailedException(String message) {
      super(message);
    }
  }

  private final WebhookEndpoint endpoint;
  private final HttpClient client;
  private final ObjectMapper json;
  private final Duration timeout;
  private final Clock clock;

  public WebhookSender(
      WebhookEndpoint endpoint,
      HttpClient client,
      ObjectMapper json,
      Duration timeout,
      Clock clock) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.client = Objects.requireNonNull(client, "client");
    this.json = Objects.requireNonNull(json, "json");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** An HTTP client for webhook deliveries: no redirects followed, a connect timeout. */
  public static HttpClient httpClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** This endpoint as a target of the event dispatcher. */
  public EventTarget target() {
    return new EventTarget(endpoint.targetName(), endpoint.events(), this);
  }

  /** The body a delivery of {@code event} carries. */
  public byte[] body(StoreEvent event) throws JsonProcessingException {
    return json.writeValueAsBytes(EventResponse.from(event));
  }

  @Override
  public void onEvent(StoreEvent event) throws Exception {
    byte[] body = body(event);
    String id = event.id().value();
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.url())
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "barebones-store-webhooks")
            .header("webhook-id", id)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header(
                "webhook-signature", WebhookSignature.sign(endpoint.secret(), id, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<Void> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (HttpTimeoutException e) {
      throw new DeliveryFailedException("no answer within " + timeout);
    } catch (ConnectException e) {
      throw new DeliveryFailedException("connection failed");
    } catch (IOException e) {
      throw new DeliveryFailedException("I/O error: " + e.getClass().getSimpleName());
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new DeliveryFailedException("HTTP " + status);
    }
  }
}

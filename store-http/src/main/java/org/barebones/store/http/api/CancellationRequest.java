package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Optional;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.port.Caller;
import org.barebones.store.domain.usecase.CancelOrderCommand;

/** Optional request body of a cancellation: the reason, if any (blank means none). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CancellationRequest(String reason) {

  public static final CancellationRequest NONE = new CancellationRequest(null);

  public CancelOrderCommand toCommand(Caller caller, OrderId order) {
    return new CancelOrderCommand(caller, order, Optional.ofNullable(reason));
  }
}

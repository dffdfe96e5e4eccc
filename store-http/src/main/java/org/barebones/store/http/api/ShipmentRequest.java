package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Optional;
import org.barebones.store.domain.order.OrderId;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.usecase.ShipOrderCommand;

/** Optional request body of a shipment: the tracking text, if any (blank means none). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShipmentRequest(String tracking) {

  public static final ShipmentRequest NONE = new ShipmentRequest(null);

  public ShipOrderCommand toCommand(ProducerId caller, OrderId order) {
    return new ShipOrderCommand(caller, order, Optional.ofNullable(tracking));
  }
}

package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.shared.Violations;

/** Optional request body of product deletion, tolerated for the original API's clients. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeleteProductRequest(@JsonProperty("producer_id") Long producerId) {

  /** The producer the body names, if any; it must be the caller, which the domain checks. */
  public Optional<ProducerId> namedProducer() {
    Violations violations = new Violations();
    Optional<ProducerId> named =
        BodyValues.optionalId(producerId, "producer_id", ProducerId::of, violations);
    violations.throwIfAny();
    return named;
  }
}

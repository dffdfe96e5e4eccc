package org.barebones.store.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.barebones.store.domain.usecase.AuthenticatedProducer;

/** Response body of sign-up and login: the producer and its fresh token. */
public record ProducerSessionResponse(
    @JsonProperty("auth_token") String authToken, ProducerResponse producer) {

  public static ProducerSessionResponse from(AuthenticatedProducer authenticated) {
    return new ProducerSessionResponse(
        authenticated.token(), ProducerResponse.from(authenticated.profile()));
  }

  @Override
  public String toString() {
    return "ProducerSessionResponse[producer=" + producer.id() + "]";
  }
}

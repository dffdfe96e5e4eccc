package org.barebones.store.http.api;

import java.util.List;
import org.barebones.store.domain.usecase.ProducerProfile;

/** Response body: a Producer with its products; never its password or hash. */
public record ProducerResponse(long id, String username, List<ProductResponse> products) {

  public static ProducerResponse from(ProducerProfile profile) {
    return new ProducerResponse(
        profile.producer().id().value(),
        profile.producer().username().value(),
        profile.products().stream().map(ProductResponse::from).toList());
  }
}

package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.barebones.store.domain.Store;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.shared.NotFoundException;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;
import org.junit.jupiter.api.Test;

/** {@link GetProducer} and {@link ListProducers}. */
class ProducerQueriesTest {
  private final Scenario shop = Scenario.inMemory();
  private final Store store = shop.store();

  @Test
  void get_returnsTheProducerWithAllItsProducts_soldOutIncluded() {
    AuthenticatedProducer ada = shop.aProducer().named("ada").register();
    Product lamp = shop.aProduct().ownedBy(ada).create();
    Product soldOut = shop.aProduct().ownedBy(ada).withStock(0).create();
    shop.aProduct().create(); // another producer's

    ProducerProfile profile = store.getProducer().get(ada.producer().id());

    assertThat(profile.producer()).isEqualTo(ada.producer());
    assertThat(profile.products()).containsExactly(lamp, soldOut);
  }

  @Test
  void get_unknown_isNotFound() {
    assertThatThrownBy(() -> store.getProducer().get(ProducerId.of(99)))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No producer 99");
  }

  @Test
  void list_pagesByIdWithEachProducersOwnProducts() {
    AuthenticatedProducer ada = shop.aProducer().named("ada").register();
    AuthenticatedProducer bob = shop.aProducer().named("bob").register();
    AuthenticatedProducer cyd = shop.aProducer().named("cyd").register();
    Product adasLamp = shop.aProduct().ownedBy(ada).create();
    Product cydsMug = shop.aProduct().ownedBy(cyd).create();
    Product adasDesk = shop.aProduct().ownedBy(ada).create();

    Page<ProducerProfile> first = store.listProducers().list(PageRequest.first(2));

    assertThat(first.items())
        .containsExactly(
            new ProducerProfile(ada.producer(), java.util.List.of(adasLamp, adasDesk)),
            new ProducerProfile(bob.producer(), java.util.List.of()));
    assertThat(first.nextAfter()).hasValue(bob.producer().id().value());

    Page<ProducerProfile> second =
        store.listProducers().list(new PageRequest(first.nextAfter().getAsLong(), 2));

    assertThat(second.items())
        .containsExactly(new ProducerProfile(cyd.producer(), java.util.List.of(cydsMug)));
    assertThat(second.hasNext()).isFalse();
  }

  @Test
  void list_ofAnEmptyStore_isAnEmptyPage() {
    Page<ProducerProfile> page = store.listProducers().list(PageRequest.first());

    assertThat(page.items()).isEmpty();
    assertThat(page.hasNext()).isFalse();
  }
}

package org.barebones.store.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.barebones.store.domain.Store;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.product.ProductQuery;
import org.barebones.store.domain.shared.NotFoundException;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;
import org.junit.jupiter.api.Test;

/** {@link ListProducts} and {@link GetProduct}. */
class ListProductsTest {
  private final Scenario shop = Scenario.inMemory();
  private final Store store = shop.store();

  @Test
  void list_byDefault_hidesSoldOutProducts() {
    Product inStock = shop.aProduct().withStock(1).create();
    shop.aProduct().withStock(0).create();

    Page<Product> page = store.listProducts().list(ProductQuery.inStock(PageRequest.first()));

    assertThat(page.items()).containsExactly(inStock);
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void list_withMinimumZero_showsSoldOutProducts() {
    Product inStock = shop.aProduct().withStock(1).create();
    Product soldOut = shop.aProduct().withStock(0).create();

    assertThat(list(0, Optional.empty(), PageRequest.first()).items())
        .containsExactly(inStock, soldOut);
  }

  @Test
  void list_withAMinimum_keepsProductsWithAtLeastThatMany() {
    shop.aProduct().withStock(4).create();
    Product five = shop.aProduct().withStock(5).create();
    Product six = shop.aProduct().withStock(6).create();

    assertThat(list(5, Optional.empty(), PageRequest.first()).items()).containsExactly(five, six);
  }

  @Test
  void list_aProductSoldOutByACheckout_leavesTheDefaultList() {
    Product lamp = shop.aProduct().withStock(2).create();
    shop.checkout(shop.aCart().with(lamp, 2).open());

    assertThat(store.listProducts().list(ProductQuery.inStock(PageRequest.first())).items())
        .isEmpty();
  }

  @Test
  void list_ofOneProducer_keepsOnlyItsProducts() {
    AuthenticatedProducer ada = shop.aProducer().register();
    Product adas = shop.aProduct().ownedBy(ada).create();
    shop.aProduct().create();
    Product adasSoldOut = shop.aProduct().ownedBy(ada).withStock(0).create();

    assertThat(list(1, Optional.of(ada.producer().id()), PageRequest.first()).items())
        .containsExactly(adas);
    assertThat(list(0, Optional.of(ada.producer().id()), PageRequest.first()).items())
        .containsExactly(adas, adasSoldOut);
    assertThat(list(0, Optional.of(ProducerId.of(999)), PageRequest.first()).items()).isEmpty();
  }

  @Test
  void list_pagesByKeysetInIdOrder() {
    Product p1 = shop.aProduct().create();
    Product p2 = shop.aProduct().create();
    Product p3 = shop.aProduct().create();
    Product p4 = shop.aProduct().create();
    Product p5 = shop.aProduct().create();

    Page<Product> first = list(1, Optional.empty(), PageRequest.first(2));
    Page<Product> second =
        list(1, Optional.empty(), new PageRequest(first.nextAfter().getAsLong(), 2));
    Page<Product> third =
        list(1, Optional.empty(), new PageRequest(second.nextAfter().getAsLong(), 2));

    assertThat(first.items()).containsExactly(p1, p2);
    assertThat(first.nextAfter()).hasValue(p2.id().value());
    assertThat(second.items()).containsExactly(p3, p4);
    assertThat(second.nextAfter()).hasValue(p4.id().value());
    assertThat(third.items()).containsExactly(p5);
    assertThat(third.hasNext()).isFalse();
  }

  @Test
  void list_offersANextPage_exactlyWhenMoreRowsMatchTheFilter() {
    Product a = shop.aProduct().withStock(1).create();
    shop.aProduct().withStock(0).create();
    Product c = shop.aProduct().withStock(1).create();
    shop.aProduct().withStock(0).create(); // after the last match: must not make a next page

    Page<Product> page = list(1, Optional.empty(), PageRequest.first(2));

    assertThat(page.items()).containsExactly(a, c);
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void list_afterTheLastId_isEmpty() {
    Product only = shop.aProduct().create();

    assertThat(list(1, Optional.empty(), new PageRequest(only.id().value(), 10)).items()).isEmpty();
  }

  @Test
  void get_returnsTheProduct_orNotFound() {
    Product lamp = shop.aProduct().titled("Desk lamp").create();

    assertThat(store.getProduct().get(lamp.id())).isEqualTo(lamp);
    assertThatThrownBy(() -> store.getProduct().get(ProductId.of(999)))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("No product 999");
  }

  private Page<Product> list(long min, Optional<ProducerId> producer, PageRequest page) {
    return store.listProducts().list(new ProductQuery(min, producer, page));
  }
}

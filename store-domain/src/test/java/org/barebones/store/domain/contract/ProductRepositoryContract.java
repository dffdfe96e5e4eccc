package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.product.ProductQuery;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;
import org.junit.jupiter.api.Test;

/** Contract of {@link org.barebones.store.domain.port.ProductRepository}. */
public abstract class ProductRepositoryContract extends ContractSupport {

  @Test
  void add_storesEveryFieldExactly() {
    Producer owner = aProducer();
    Product added =
        store
            .products()
            .add(new NewProduct(owner.id(), "Lamp ☀ \"quoted\"", usd("19.99"), Integer.MAX_VALUE));

    Product found = store.products().findById(added.id()).orElseThrow();
    assertThat(found).isEqualTo(added);
    assertThat(found.producerId()).isEqualTo(owner.id());
    assertThat(found.title()).isEqualTo("Lamp ☀ \"quoted\"");
    assertThat(found.price().amount()).isEqualByComparingTo("19.99");
    assertThat(found.price().amount().scale()).isEqualTo(2);
    assertThat(found.inventoryCount()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void findById_whenUnknown_isEmpty() {
    assertThat(store.products().findById(new ProductId(Long.MAX_VALUE))).isEmpty();
  }

  @Test
  void findAllById_returnsOnlyThoseThatExist() {
    Product a = aProduct(1);
    Product b = aProduct(2);
    ProductId unknown = new ProductId(Long.MAX_VALUE);

    Map<ProductId, Product> found = store.products().findAllById(List.of(a.id(), b.id(), unknown));

    assertThat(found).containsOnlyKeys(a.id(), b.id());
    assertThat(found.get(b.id())).isEqualTo(b);
    assertThat(store.products().findAllById(List.of())).isEmpty();
  }

  @Test
  void list_filtersByStockAndProducer_andPagesByKeyset() {
    Producer owner = aProducer();
    Product soldOut = aProduct(owner, "1.00", 0);
    Product one = aProduct(owner, "1.00", 1);
    Product five = aProduct(owner, "1.00", 5);
    Product other = aProduct(aProducer(), "1.00", 5);
    PageRequest fromHere = new PageRequest(soldOut.id().value() - 1, 10);

    assertThat(list(1, Optional.of(owner), fromHere).items()).containsExactly(one, five);
    assertThat(list(0, Optional.of(owner), fromHere).items()).containsExactly(soldOut, one, five);
    assertThat(list(5, Optional.empty(), fromHere).items()).containsExactly(five, other);

    Page<Product> first = list(0, Optional.of(owner), new PageRequest(fromHere.after(), 2));
    assertThat(first.items()).containsExactly(soldOut, one);
    assertThat(first.nextAfter()).hasValue(one.id().value());
    Page<Product> second = list(0, Optional.of(owner), new PageRequest(one.id().value(), 2));
    assertThat(second.items()).containsExactly(five);
    assertThat(second.nextAfter()).isEmpty();
  }

  @Test
  void listByProducers_groupsEachProducersProductsInIdOrder() {
    Producer a = aProducer();
    Producer b = aProducer();
    Producer none = aProducer();
    Product a1 = aProduct(a, "1.00", 0);
    Product b1 = aProduct(b, "2.00", 3);
    Product a2 = aProduct(a, "3.00", 7);

    var found = store.products().listByProducers(List.of(a.id(), b.id(), none.id()));

    assertThat(found.get(a.id())).containsExactly(a1, a2);
    assertThat(found.get(b.id())).containsExactly(b1);
    assertThat(found.getOrDefault(none.id(), List.of())).isEmpty();
  }

  @Test
  void update_atTheCurrentVersion_overwritesAndBumpsTheVersion() {
    Product product = aProduct(5);
    Product changed =
        new Product(product.id(), product.producerId(), "New", usd("2.50"), 9, product.version());

    Product stored = store.products().update(changed).orElseThrow();

    assertThat(stored.title()).isEqualTo("New");
    assertThat(stored.price()).isEqualTo(usd("2.50"));
    assertThat(stored.inventoryCount()).isEqualTo(9);
    assertThat(stored.version()).isGreaterThan(product.version());
    assertThat(store.products().findById(product.id())).contains(stored);
  }

  @Test
  void update_atAStaleVersion_changesNothing() {
    Product product = aProduct(5);
    assertThat(store.products().takeStock(product.id(), 1)).isTrue();
    Product stale =
        new Product(product.id(), product.producerId(), "New", usd("2.50"), 9, product.version());

    assertThat(store.products().update(stale)).isEmpty();
    Product now = store.products().findById(product.id()).orElseThrow();
    assertThat(now.title()).isEqualTo("Widget");
    assertThat(now.inventoryCount()).isEqualTo(4);
  }

  @Test
  void delete_removesOnce() {
    Product product = aProduct(5);

    assertThat(store.products().delete(product.id())).isTrue();
    assertThat(store.products().findById(product.id())).isEmpty();
    assertThat(store.products().delete(product.id())).isFalse();
  }

  @Test
  void takeStock_takesOnlyWhatIsThere_andBumpsTheVersion() {
    Product product = aProduct(3);

    assertThat(store.products().takeStock(product.id(), 2)).isTrue();
    Product after = store.products().findById(product.id()).orElseThrow();
    assertThat(after.inventoryCount()).isEqualTo(1);
    assertThat(after.version()).isGreaterThan(product.version());

    assertThat(store.products().takeStock(product.id(), 2)).isFalse();
    assertThat(stockOf(product)).isEqualTo(1);
    assertThat(store.products().takeStock(product.id(), 1)).isTrue();
    assertThat(stockOf(product)).isZero();
    assertThat(store.products().takeStock(new ProductId(Long.MAX_VALUE), 1)).isFalse();
  }

  private Page<Product> list(long minInventory, Optional<Producer> producer, PageRequest page) {
    return store.products().list(new ProductQuery(minInventory, producer.map(Producer::id), page));
  }
}

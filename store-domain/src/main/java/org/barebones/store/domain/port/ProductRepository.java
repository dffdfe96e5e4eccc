package org.barebones.store.domain.port;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.product.ProductQuery;
import org.barebones.store.domain.shared.Page;

/** Outgoing port: stores products and their stock. */
public interface ProductRepository {

  /** Stores a new product, gives it an id and its first version. */
  Product add(NewProduct product);

  Optional<Product> findById(ProductId id);

  /** The products among {@code ids} that exist, by id, in one round trip. */
  Map<ProductId, Product> findAllById(Collection<ProductId> ids);

  /** Products matching {@code query}, in id order, one keyset page. */
  Page<Product> list(ProductQuery query);

  /** Every product of each of {@code producers}, in id order, in one round trip. */
  Map<ProducerId, List<Product>> listByProducers(Collection<ProducerId> producers);

  /**
   * Overwrites title, price and stock of {@code changed} if the stored product still has {@code
   * changed.version()}, and bumps its version.
   *
   * @return the stored product, or empty if it is gone or its version moved on
   */
  Optional<Product> update(Product changed);

  /** Removes a product and any cart lines still naming it; returns whether it existed. */
  boolean delete(ProductId id);

  /**
   * Takes {@code quantity} units out of stock in one atomic step, only if at least that many are
   * left, and bumps the version. Never reads stock into memory and writes it back.
   *
   * @return whether the units were taken
   */
  boolean takeStock(ProductId id, int quantity);

  /**
   * Gives {@code quantity} units back to stock in one atomic step (added to whatever the stock is
   * now, never read into memory and written back), and bumps the version.
   *
   * @return the stock right after, or empty if the product is gone (then nothing is given back)
   */
  OptionalInt returnStock(ProductId id, int quantity);
}

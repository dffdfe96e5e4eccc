package org.barebones.store.app.integrity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.port.StorePersistence;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.product.ProductQuery;
import org.barebones.store.domain.shared.Page;

/**
 * Control: a store whose stock decrement reads the stock into memory, checks it, and writes the
 * difference back: the original API's overselling bug, inside otherwise correct transactions.
 */
public final class ReadThenWriteStockApplication extends ControlApplication {

  @Override
  protected StorePersistence broken(StorePersistence real) {
    return new StorePersistence(
        real.producers(),
        new ReadThenWriteStock(real.products()),
        real.carts(),
        real.orders(),
        real.transactions());
  }

  /** Takes stock by read, check, write back, ignoring whether the write found its row. */
  private static final class ReadThenWriteStock implements ProductRepository {
    private final ProductRepository delegate;

    ReadThenWriteStock(ProductRepository delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean takeStock(ProductId id, int quantity) {
      Product read = delegate.findById(id).orElse(null);
      if (read == null || read.inventoryCount() < quantity) {
        return false;
      }
      Thread.yield(); // the gap a real application has between its read and its write
      Product now = delegate.findById(id).orElse(read);
      delegate.update(
          new Product(
              id,
              read.producerId(),
              read.title(),
              read.price(),
              read.inventoryCount() - quantity,
              now.version()));
      return true;
    }

    @Override
    public Product add(NewProduct product) {
      return delegate.add(product);
    }

    @Override
    public Optional<Product> findById(ProductId id) {
      return delegate.findById(id);
    }

    @Override
    public Map<ProductId, Product> findAllById(Collection<ProductId> ids) {
      return delegate.findAllById(ids);
    }

    @Override
    public Page<Product> list(ProductQuery query) {
      return delegate.list(query);
    }

    @Override
    public Map<ProducerId, List<Product>> listByProducers(Collection<ProducerId> producers) {
      return delegate.listByProducers(producers);
    }

    @Override
    public Optional<Product> update(Product changed) {
      return delegate.update(changed);
    }

    @Override
    public boolean delete(ProductId id) {
      return delegate.delete(id);
    }
  }
}

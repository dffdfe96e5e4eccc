package org.barebones.store.domain.inmemory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.barebones.store.domain.port.ProductRepository;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.barebones.store.domain.product.ProductId;
import org.barebones.store.domain.product.ProductQuery;
import org.barebones.store.domain.shared.Page;

/** In-memory adapter: stores products and their stock in this process. Thread-safe. */
public final class InMemoryProductRepository implements ProductRepository {
  private final InMemoryTransactions tx;
  private final NavigableMap<Long, Product> byId = new TreeMap<>();
  private final AtomicLong sequence = new AtomicLong();

  public InMemoryProductRepository(InMemoryTransactions tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Override
  public Product add(NewProduct product) {
    return tx.write(
        () -> {
          Product stored =
              new Product(
                  new ProductId(sequence.incrementAndGet()),
                  product.producerId(),
                  product.title(),
                  product.price(),
                  product.inventoryCount(),
                  1);
          tx.put(byId, stored.id().value(), stored);
          return stored;
        });
  }

  @Override
  public Optional<Product> findById(ProductId id) {
    return tx.read(() -> Optional.ofNullable(byId.get(id.value())));
  }

  @Override
  public Map<ProductId, Product> findAllById(Collection<ProductId> ids) {
    return tx.read(
        () -> {
          Map<ProductId, Product> found = new HashMap<>();
          for (ProductId id : ids) {
            Product product = byId.get(id.value());
            if (product != null) {
              found.put(id, product);
            }
          }
          return found;
        });
  }

  @Override
  public Page<Product> list(ProductQuery query) {
    return tx.read(() -> Paging.page(byId, query.page(), query::selects));
  }

  @Override
  public Map<ProducerId, List<Product>> listByProducers(Collection<ProducerId> producers) {
    return tx.read(
        () -> {
          Set<ProducerId> wanted = Set.copyOf(producers);
          Map<ProducerId, List<Product>> found = new LinkedHashMap<>();
          for (Product product : byId.values()) {
            if (wanted.contains(product.producerId())) {
              found.computeIfAbsent(product.producerId(), k -> new ArrayList<>()).add(product);
            }
          }
          found.replaceAll((k, v) -> List.copyOf(v));
          return found;
        });
  }

  @Override
  public Optional<Product> update(Product changed) {
    return tx.write(
        () -> {
          Product stored = byId.get(changed.id().value());
          if (stored == null || stored.version() != changed.version()) {
            return Optional.empty();
          }
          Product next =
              new Product(
                  changed.id(),
                  stored.producerId(),
                  changed.title(),
                  changed.price(),
                  changed.inventoryCount(),
                  stored.version() + 1);
          tx.put(byId, next.id().value(), next);
          return Optional.of(next);
        });
  }

  @Override
  public boolean delete(ProductId id) {
    return tx.write(() -> tx.remove(byId, id.value()) != null);
  }

  @Override
  public boolean takeStock(ProductId id, int quantity) {
    return tx.write(
        () -> {
          Product stored = byId.get(id.value());
          if (stored == null || stored.inventoryCount() < quantity) {
            return false;
          }
          tx.put(
              byId,
              id.value(),
              new Product(
                  stored.id(),
                  stored.producerId(),
                  stored.title(),
                  stored.price(),
                  stored.inventoryCount() - quantity,
                  stored.version() + 1));
          return true;
        });
  }

  @Override
  public OptionalInt returnStock(ProductId id, int quantity) {
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be positive: " + quantity);
    }
    return tx.write(
        () -> {
          Product stored = byId.get(id.value());
          if (stored == null) {
            return OptionalInt.empty();
          }
          Product next =
              new Product(
                  stored.id(),
                  stored.producerId(),
                  stored.title(),
                  stored.price(),
                  Math.addExact(stored.inventoryCount(), quantity),
                  stored.version() + 1);
          tx.put(byId, id.value(), next);
          return OptionalInt.of(next.inventoryCount());
        });
  }
}

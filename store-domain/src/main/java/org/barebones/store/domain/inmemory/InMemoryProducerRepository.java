package org.barebones.store.domain.inmemory;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.barebones.store.domain.port.ProducerRepository;
import org.barebones.store.domain.producer.NewProducer;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.producer.Username;
import org.barebones.store.domain.producer.UsernameTakenException;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;

/** In-memory adapter: stores producers in this process. Thread-safe. */
public final class InMemoryProducerRepository implements ProducerRepository {
  private final InMemoryTransactions tx;
  private final NavigableMap<Long, Producer> byId = new TreeMap<>();
  private final Map<String, Long> idByUsername = new HashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  public InMemoryProducerRepository(InMemoryTransactions tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Override
  public Producer add(NewProducer producer) {
    return tx.write(
        () -> {
          String key = producer.username().canonical();
          if (idByUsername.containsKey(key)) {
            throw new UsernameTakenException(producer.username());
          }
          Producer stored =
              new Producer(
                  new ProducerId(sequence.incrementAndGet()),
                  producer.username(),
                  producer.passwordHash());
          tx.put(byId, stored.id().value(), stored);
          tx.put(idByUsername, key, stored.id().value());
          return stored;
        });
  }

  @Override
  public Optional<Producer> findById(ProducerId id) {
    return tx.read(() -> Optional.ofNullable(byId.get(id.value())));
  }

  @Override
  public Optional<Producer> findByUsername(Username username) {
    return tx.read(
        () -> Optional.ofNullable(idByUsername.get(username.canonical())).map(byId::get));
  }

  @Override
  public Page<Producer> list(PageRequest page) {
    return tx.read(() -> Paging.page(byId, page, p -> true));
  }
}

package org.barebones.store.domain.port;

import java.util.Optional;
import org.barebones.store.domain.producer.NewProducer;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.producer.ProducerId;
import org.barebones.store.domain.producer.Username;
import org.barebones.store.domain.shared.Page;
import org.barebones.store.domain.shared.PageRequest;

/** Outgoing port: stores producers. */
public interface ProducerRepository {

  /**
   * Stores a new producer and gives it an id.
   *
   * @throws org.barebones.store.domain.producer.UsernameTakenException if another producer has the
   *     same username, ignoring case (also when two registrations race)
   */
  Producer add(NewProducer producer);

  Optional<Producer> findById(ProducerId id);

  /** The producer whose username equals {@code username}, ignoring case. */
  Optional<Producer> findByUsername(Username username);

  /** Producers in id order, one keyset page. */
  Page<Producer> list(PageRequest page);
}

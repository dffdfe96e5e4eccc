package org.barebones.store.domain.idempotency;

import java.util.Objects;
import org.barebones.store.domain.producer.ProducerId;

/**
 * Value: whose keys a key belongs to. Two owners never see each other's keys, so one producer's key
 * cannot replay (or block) another's request. A request with a producer's token belongs to that
 * producer; one without belongs to the client address it came from.
 *
 * @param value the owner as stored: {@code producer:<id>} or {@code address:<address>}
 */
public record IdempotencyOwner(String value) {

  /** Longest stored form: a prefix and an address with room to spare. */
  public static final int MAX_LENGTH = 320;

  private static final String PRODUCER = "producer:";
  private static final String ADDRESS = "address:";

  public IdempotencyOwner {
    Objects.requireNonNull(value, "value");
    if (!(value.startsWith(PRODUCER) || value.startsWith(ADDRESS)) || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("not an idempotency owner: " + value);
    }
  }

  public static IdempotencyOwner producer(ProducerId producer) {
    return new IdempotencyOwner(PRODUCER + producer.value());
  }

  /**
   * The client at {@code address} (empty for a caller outside any server, such as an embedding
   * service). An address too long to store is cut: it is an address no client really has.
   */
  public static IdempotencyOwner clientAddress(String address) {
    Objects.requireNonNull(address, "address");
    String stored = ADDRESS + address;
    return new IdempotencyOwner(
        stored.length() > MAX_LENGTH ? stored.substring(0, MAX_LENGTH) : stored);
  }
}

package org.barebones.store.domain.inmemory;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.idempotency.Claim;
import org.barebones.store.domain.idempotency.IdempotencyKey;
import org.barebones.store.domain.idempotency.IdempotencyOwner;
import org.barebones.store.domain.idempotency.IdempotencyRecord;
import org.barebones.store.domain.port.IdempotencyRecords;

/**
 * In-memory adapter: keeps idempotency records in this process. Units of work run one at a time
 * here, so a claim never finds a key in use: it waits for the unit of work that holds the key to
 * end and then finds its record (or, if that one failed, a free key).
 */
public final class InMemoryIdempotencyRecords implements IdempotencyRecords {

  private final InMemoryTransactions tx;

  /** Per owner and key: a kept record, or a claim (no record yet) that expires at once. */
  private final Map<Slot, Row> rows = new HashMap<>();

  private record Slot(IdempotencyOwner owner, IdempotencyKey key) {}

  private record Row(IdempotencyRecord record, Instant expiresAt) {}

  public InMemoryIdempotencyRecords(InMemoryTransactions tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Override
  public Claim claim(IdempotencyOwner owner, IdempotencyKey key, Instant now) {
    Objects.requireNonNull(now, "now");
    Slot slot = new Slot(owner, key);
    return tx.write(
        () -> {
          Row row = rows.get(slot);
          if (row != null && row.record() != null && row.record().isLiveAt(now)) {
            return new Claim.Kept(row.record());
          }
          // Free, expired, or a claim that was committed without its record: take it over.
          tx.put(rows, slot, new Row(null, now));
          return Claim.CLAIMED;
        });
  }

  @Override
  public void keep(IdempotencyRecord record) {
    Slot slot = new Slot(record.owner(), record.key());
    tx.write(
        () -> {
          Row row = rows.get(slot);
          if (row == null || row.record() != null) {
            throw new IllegalStateException("keep() without a claim of " + record.key());
          }
          tx.put(rows, slot, new Row(record, record.expiresAt()));
          return null;
        });
  }

  @Override
  public Optional<IdempotencyRecord> find(IdempotencyOwner owner, IdempotencyKey key) {
    return tx.read(() -> Optional.ofNullable(rows.get(new Slot(owner, key))).map(Row::record));
  }

  @Override
  public int deleteExpired(Instant now, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1");
    }
    return tx.write(
        () -> {
          List<Slot> expired =
              rows.entrySet().stream()
                  .filter(e -> !e.getValue().expiresAt().isAfter(now))
                  .sorted(Comparator.comparing(e -> e.getValue().expiresAt()))
                  .limit(limit)
                  .map(Map.Entry::getKey)
                  .toList();
          expired.forEach(slot -> tx.remove(rows, slot));
          return expired.size();
        });
  }
}

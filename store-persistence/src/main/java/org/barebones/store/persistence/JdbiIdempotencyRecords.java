package org.barebones.store.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.barebones.store.domain.idempotency.Claim;
import org.barebones.store.domain.idempotency.IdempotencyKey;
import org.barebones.store.domain.idempotency.IdempotencyKeyInUseException;
import org.barebones.store.domain.idempotency.IdempotencyOwner;
import org.barebones.store.domain.idempotency.IdempotencyRecord;
import org.barebones.store.domain.idempotency.KeptAnswer;
import org.barebones.store.domain.idempotency.RequestFingerprint;
import org.barebones.store.domain.port.IdempotencyRecords;
import org.barebones.store.domain.usecase.IdempotentRequests;
import org.jdbi.v3.core.Handle;

/**
 * Adapter: idempotency records in the table {@code idempotency_record}, on PostgreSQL or H2.
 *
 * <p>A claim inserts the key's row first, in the request's own transaction, with no answer; {@link
 * #keep} fills the answer in before that transaction commits, so a committed row always holds its
 * answer and exists exactly when the request's change does. While the claiming transaction runs,
 * its uncommitted row holds the unique key: no other transaction can insert it. On PostgreSQL a
 * claim first takes a transaction-scoped advisory lock on the key, without waiting ({@code
 * pg_try_advisory_xact_lock}); a claim that does not get it answers "in use" at once, whichever
 * node holds the key. H2 is one process's database, where the domain's in-process guard answers "in
 * use" first; a claim that still meets an uncommitted row there waits for it (H2's lock timeout,
 * then the unit of work is retried) and then finds its record, or the key free.
 */
final class JdbiIdempotencyRecords implements IdempotencyRecords {

  private static final String COLUMNS =
      "owner_scope, idem_key, fingerprint, status, headers, body, kept_at, expires_at";

  private final JdbiTransactions transactions;
  private final Dialect knownDialect;

  JdbiIdempotencyRecords(JdbiTransactions transactions, Dialect dialect) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.knownDialect = dialect;
  }

  @Override
  public Claim claim(IdempotencyOwner owner, IdempotencyKey key, Instant now) {
    Objects.requireNonNull(now, "now");
    return transactions.atomically(
        handle -> {
          Dialect dialect = knownDialect != null ? knownDialect : Dialect.of(handle);
          if (dialect == Dialect.POSTGRESQL && !tryLock(handle, owner, key)) {
            return Claim.IN_USE;
          }
          Optional<Row> existing = select(handle, owner, key);
          if (existing.isPresent()) {
            Row row = existing.get();
            if (row.record() != null && row.record().isLiveAt(now)) {
              return new Claim.Kept(row.record());
            }
            // Expired (or a claim committed without its answer): this request takes the key over.
            handle
                .createUpdate("DELETE FROM idempotency_record WHERE id = :id")
                .bind("id", row.id())
                .execute();
          }
          try {
            handle
                .createUpdate(
                    "INSERT INTO idempotency_record (owner_scope, idem_key, kept_at, expires_at)"
                        + " VALUES (:owner, :key, :now, :now)")
                .bind("owner", owner.value())
                .bind("key", key.value())
                .bind("now", utc(now))
                .execute();
          } catch (RuntimeException e) {
            if (!SqlErrors.hasSqlState(e, SqlErrors.UNIQUE_VIOLATION)) {
              throw e;
            }
            // Another transaction inserted the key and committed between our read and insert.
            // PostgreSQL has aborted this transaction: the caller is told to try again. H2 has
            // not, and the row is there to read.
            if (dialect == Dialect.POSTGRESQL) {
              throw new IdempotencyKeyInUseException(IdempotentRequests.IN_USE_RETRY_AFTER);
            }
            return select(handle, owner, key)
                .map(Row::record)
                .filter(r -> r.isLiveAt(now))
                .<Claim>map(Claim.Kept::new)
                .orElse(Claim.IN_USE);
          }
          return Claim.CLAIMED;
        });
  }

  @Override
  public void keep(IdempotencyRecord record) {
    transactions.atomically(
        handle -> {
          int updated =
              handle
                  .createUpdate(
                      "UPDATE idempotency_record SET fingerprint = :fingerprint, status = :status,"
                          + " headers = :headers, body = :body, kept_at = :keptAt,"
                          + " expires_at = :expiresAt"
                          + " WHERE owner_scope = :owner AND idem_key = :key AND status IS NULL")
                  .bind("fingerprint", record.fingerprint().value())
                  .bind("status", record.answer().status())
                  .bind("headers", headers(record.answer().headers()))
                  .bind("body", record.answer().body())
                  .bind("keptAt", utc(record.keptAt()))
                  .bind("expiresAt", utc(record.expiresAt()))
                  .bind("owner", record.owner().value())
                  .bind("key", record.key().value())
                  .execute();
          if (updated != 1) {
            throw new IllegalStateException("keep() without a claim of " + record.key());
          }
          return null;
        });
  }

  @Override
  public Optional<IdempotencyRecord> find(IdempotencyOwner owner, IdempotencyKey key) {
    return transactions.withHandle(handle -> select(handle, owner, key).map(Row::record));
  }

  @Override
  public int deleteExpired(Instant now, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1");
    }
    OffsetDateTime at = utc(now);
    return transactions.atomically(
        handle -> {
          List<Long> expired =
              handle
                  .createQuery(
                      "SELECT id FROM idempotency_record WHERE expires_at <= :now"
                          + " ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED")
                  .bind("now", at)
                  .bind("limit", limit)
                  .mapTo(Long.class)
                  .list();
          if (expired.isEmpty()) {
            return 0;
          }
          return handle
              .createUpdate(
                  "DELETE FROM idempotency_record WHERE id = ANY(:ids) AND expires_at <= :now")
              .bindArray("ids", Long.class, expired)
              .bind("now", at)
              .execute();
        });
  }

  /** A row as stored: its record, or null while it is a claim without an answer. */
  private record Row(long id, IdempotencyRecord record) {}

  private static Optional<Row> select(Handle handle, IdempotencyOwner owner, IdempotencyKey key) {
    return handle
        .createQuery(
            "SELECT id, "
                + COLUMNS
                + " FROM idempotency_record WHERE owner_scope = :owner AND idem_key = :key")
        .bind("owner", owner.value())
        .bind("key", key.value())
        .map((rs, ctx) -> new Row(rs.getLong("id"), read(rs, owner, key)))
        .findOne();
  }

  private static IdempotencyRecord read(ResultSet rs, IdempotencyOwner owner, IdempotencyKey key)
      throws SQLException {
    String fingerprint = rs.getString("fingerprint");
    if (fingerprint == null) {
      return null;
    }
    byte[] body = rs.getBytes("body");
    return new IdempotencyRecord(
        owner,
        key,
        new RequestFingerprint(fingerprint),
        new KeptAnswer(
            rs.getInt("status"),
            headers(rs.getString("headers")),
            body == null ? new byte[0] : body),
        rs.getObject("kept_at", OffsetDateTime.class).toInstant(),
        rs.getObject("expires_at", OffsetDateTime.class).toInstant());
  }

  private static String headers(List<KeptAnswer.Header> headers) {
    StringBuilder text = new StringBuilder();
    for (KeptAnswer.Header header : headers) {
      text.append(header.name()).append(": ").append(header.value()).append('\n');
    }
    return text.toString();
  }

  private static List<KeptAnswer.Header> headers(String text) {
    List<KeptAnswer.Header> headers = new ArrayList<>();
    if (text == null) {
      return headers;
    }
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.add(new KeptAnswer.Header(line.substring(0, colon), line.substring(colon + 2)));
      }
    }
    return headers;
  }

  /**
   * Takes PostgreSQL's transaction-scoped advisory lock of the key, without waiting: false when
   * another transaction (on any node) holds it. The lock's number is the first 8 bytes of the
   * SHA-256 of owner and key; two keys sharing a number (about one chance in 2^64 per pair) only
   * make one wait for the other's end, answered "in use".
   */
  private static boolean tryLock(Handle handle, IdempotencyOwner owner, IdempotencyKey key) {
    return handle
        .createQuery("SELECT pg_try_advisory_xact_lock(:lock)")
        .bind("lock", lockNumber(owner, key))
        .mapTo(Boolean.class)
        .one();
  }

  static long lockNumber(IdempotencyOwner owner, IdempotencyKey key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(owner.value().getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) '\n');
      sha256.update(key.value().getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(sha256.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}

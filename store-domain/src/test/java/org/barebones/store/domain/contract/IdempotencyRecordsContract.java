package org.barebones.store.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.barebones.store.domain.fixtures.Race;
import org.barebones.store.domain.idempotency.Claim;
import org.barebones.store.domain.idempotency.IdempotencyKey;
import org.barebones.store.domain.idempotency.IdempotencyKeyInUseException;
import org.barebones.store.domain.idempotency.IdempotencyOwner;
import org.barebones.store.domain.idempotency.IdempotencyRecord;
import org.barebones.store.domain.idempotency.KeptAnswer;
import org.barebones.store.domain.idempotency.RequestFingerprint;
import org.barebones.store.domain.port.IdempotencyRecords;
import org.barebones.store.domain.producer.Producer;
import org.barebones.store.domain.product.NewProduct;
import org.barebones.store.domain.product.Product;
import org.junit.jupiter.api.Test;

/**
 * Contract of the idempotency records: a record is kept exactly when the unit of work that claimed
 * its key commits, with the change it answers for; it comes back byte for byte; keys are scoped to
 * their owner; an expired record frees its key; of many units of work claiming one key at once,
 * exactly one carries out its change; and the sweep deletes exactly the expired records, once each,
 * racing nothing.
 *
 * <p>Each test uses keys and owners of its own and times far from the other tests', so that one
 * database may serve the whole suite.
 */
public abstract class IdempotencyRecordsContract extends ContractSupport {

  private static final Duration RETENTION = Duration.ofHours(24);
  private static final AtomicInteger EPOCH = new AtomicInteger();

  /** Client threads racing for one key. */
  protected int threads() {
    return 16;
  }

  /**
   * A moment later than any record this suite made before (each test gets its own century), after
   * sweeping away every record that expired before it, so that the counts a test asserts are its
   * own.
   */
  protected Instant freshNow() {
    return aFreshCentury(
        "2200-01-01T00:00:00Z",
        EPOCH.incrementAndGet(),
        before -> store.idempotency().deleteExpired(before, 1_000));
  }

  protected static IdempotencyOwner anOwner() {
    return IdempotencyOwner.clientAddress("10.0." + UUID.randomUUID());
  }

  protected static IdempotencyKey aKey() {
    return new IdempotencyKey(UUID.randomUUID().toString());
  }

  protected static KeptAnswer answer(int status, String body) {
    return new KeptAnswer(
        status,
        List.of(
            new KeptAnswer.Header("Content-Type", "application/json"),
            new KeptAnswer.Header("Location", "http://127.0.0.1/api/products/7")),
        body.getBytes(StandardCharsets.UTF_8));
  }

  protected static IdempotencyRecord record(
      IdempotencyOwner owner, IdempotencyKey key, KeptAnswer answer, Instant now) {
    return new IdempotencyRecord(
        owner,
        key,
        RequestFingerprint.of("POST /api/products", answer.body()),
        answer,
        now,
        now.plus(RETENTION));
  }

  /** Claims in a unit of work of its own, which ends at once (keeping nothing). */
  private Claim claimAlone(IdempotencyOwner owner, IdempotencyKey key, Instant now) {
    return store.transactions().inTransaction(() -> store.idempotency().claim(owner, key, now));
  }

  /** Claims, keeps {@code record} and commits; returns the claim. */
  private Claim keepAlone(IdempotencyRecord record) {
    return store
        .transactions()
        .inTransaction(
            () -> {
              Claim claim =
                  store.idempotency().claim(record.owner(), record.key(), record.keptAt());
              if (claim instanceof Claim.Claimed) {
                store.idempotency().keep(record);
              }
              return claim;
            });
  }

  @Test
  void aKeptRecord_comesBackByteForByte_toTheSameOwnersKeyOnly() {
    Instant now = freshNow();
    IdempotencyOwner owner = anOwner();
    IdempotencyKey key = aKey();
    byte[] notText = {0, (byte) 0xff, (byte) 0xc3, 0x28, 10, 13, '"'};
    KeptAnswer kept =
        new KeptAnswer(
            201,
            List.of(
                new KeptAnswer.Header("Content-Type", "application/problem+json"),
                new KeptAnswer.Header("ETag", "\"3\""),
                new KeptAnswer.Header("Link", "<a>; rel=\"next\""),
                new KeptAnswer.Header("Link", "<b>; rel=\"prev\"")),
            notText);
    IdempotencyRecord record = record(owner, key, kept, now);

    assertThat(keepAlone(record)).isInstanceOf(Claim.Claimed.class);

    Claim again = claimAlone(owner, key, now.plusSeconds(1));
    assertThat(again).isInstanceOf(Claim.Kept.class);
    IdempotencyRecord found = ((Claim.Kept) again).record();
    assertThat(found).isEqualTo(record);
    assertThat(found.answer().body()).containsExactly(notText);
    assertThat(found.answer().headers()).isEqualTo(kept.headers());
    assertThat(store.idempotency().find(owner, key)).contains(record);
    // An empty body round-trips as empty.
    IdempotencyRecord empty =
        record(anOwner(), key, new KeptAnswer(204, List.of(), new byte[0]), now);
    keepAlone(empty);
    assertThat(store.idempotency().find(empty.owner(), key).orElseThrow().answer().body())
        .isEmpty();

    assertThat(claimAlone(anOwner(), key, now))
        .as("another owner's same key")
        .isInstanceOf(Claim.Claimed.class);
    assertThat(store.idempotency().find(anOwner(), key)).isEmpty();
  }

  @Test
  void aLongKeyAndLongHeaders_roundTrip() {
    Instant now = freshNow();
    // A Location carries the Host the client sent; a key may be 255 characters.
    String location = "http://" + "h".repeat(20_000) + "/api/products/1";
    IdempotencyKey longest = new IdempotencyKey("~".repeat(IdempotencyKey.MAX_LENGTH));
    IdempotencyRecord record =
        record(
            anOwner(),
            longest,
            new KeptAnswer(
                200, List.of(new KeptAnswer.Header("Location", location)), new byte[10_000]),
            now);
    assertThat(keepAlone(record)).isInstanceOf(Claim.Claimed.class);
    assertThat(store.idempotency().find(record.owner(), longest)).contains(record);
  }

  @Test
  void aUnitOfWorkThatFails_keepsNeitherItsChangeNorItsRecord_andFreesTheKey() {
    assertThat(failedUnitOfWork(store.idempotency())).isEmpty();
  }

  /**
   * A unit of work of the store under test claims a key with {@code records}, creates a product,
   * keeps its answer, then fails: what it left behind that it should not have (nothing, if {@code
   * records} takes part in the store's units of work). A control may pass records that do not.
   */
  public List<String> failedUnitOfWork(IdempotencyRecords records) {
    Instant now = freshNow();
    IdempotencyOwner owner = anOwner();
    IdempotencyKey key = aKey();
    Producer seller = aProducer();
    String title = "Rolled back " + key.value();
    inAFailingUnitOfWork(
        "the request failed after all",
        () -> {
          assertThat(records.claim(owner, key, now)).isInstanceOf(Claim.Claimed.class);
          Product made = store.products().add(new NewProduct(seller.id(), title, usd("2.00"), 1));
          records.keep(record(owner, key, answer(200, "" + made.id()), now));
        });

    List<String> violations = new ArrayList<>();
    records
        .find(owner, key)
        .ifPresent(r -> violations.add("a record without its product: " + r.answer()));
    if (titlesOf(seller).contains(title)) {
      violations.add("the product of a failed unit of work");
    }
    Claim again = store.transactions().inTransaction(() -> records.claim(owner, key, now));
    if (!(again instanceof Claim.Claimed)) {
      violations.add("the key is not free again: " + again);
    }
    return violations;
  }

  @Test
  void keep_withoutAClaim_isRefused() {
    Instant now = freshNow();
    IdempotencyRecord record = record(anOwner(), aKey(), answer(200, "{}"), now);
    Supplier<Void> keep =
        () -> {
          store.idempotency().keep(record);
          return null;
        };
    assertThatThrownBy(() -> store.transactions().inTransaction(keep))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.idempotency().find(record.owner(), record.key())).isEmpty();
  }

  @Test
  void anExpiredRecord_freesItsKey_toANewRecord() {
    Instant now = freshNow();
    IdempotencyOwner owner = anOwner();
    IdempotencyKey key = aKey();
    IdempotencyRecord first = record(owner, key, answer(200, "first"), now);
    keepAlone(first);

    Instant lastMoment = first.expiresAt().minusMillis(1);
    assertThat(claimAlone(owner, key, lastMoment)).isEqualTo(new Claim.Kept(first));

    Instant expiry = first.expiresAt();
    IdempotencyRecord second = record(owner, key, answer(422, "second"), expiry);
    assertThat(keepAlone(second)).as("at the expiry").isInstanceOf(Claim.Claimed.class);
    assertThat(store.idempotency().find(owner, key)).contains(second);
    assertThat(claimAlone(owner, key, expiry.plusSeconds(1))).isEqualTo(new Claim.Kept(second));
  }

  @Test
  void theSweep_deletesExactlyTheExpiredRecords_oldestFirst_inBatches() {
    Instant now = freshNow();
    List<IdempotencyRecord> expired = new ArrayList<>();
    List<IdempotencyRecord> live = new ArrayList<>();
    // Kept at now - 24 h - 3 s ... now - 24 h: expired by now (the last one exactly at now).
    for (int i = 3; i >= 0; i--) {
      expired.add(keptAt(now.minus(RETENTION).minusSeconds(i)));
    }
    // Kept 1 ms after that, and later: still live at now.
    live.add(keptAt(now.minus(RETENTION).plusMillis(1)));
    live.add(keptAt(now.minusSeconds(60)));
    live.add(keptAt(now));

    assertThat(store.idempotency().deleteExpired(now, 3)).isEqualTo(3);
    // Oldest first: the one left of the expired is the one that expired last.
    for (int i = 0; i < 3; i++) {
      assertThat(find(expired.get(i))).as("expired record %d", i).isEmpty();
    }
    assertThat(find(expired.get(3))).contains(expired.get(3));
    assertThat(store.idempotency().deleteExpired(now, 10)).isEqualTo(1);
    assertThat(store.idempotency().deleteExpired(now, 10)).isZero();
    for (IdempotencyRecord record : live) {
      assertThat(find(record)).contains(record);
    }
    assertThatThrownBy(() -> store.idempotency().deleteExpired(now, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** What a race of units of work for one key left, asserting nothing. */
  public record RaceOutcome(
      int threads, int claimed, int kept, int inUse, int productsMade, List<String> violations) {}

  @Test
  void unitsOfWorkRacingForOneKey_carryOutOneChange_andTheOthersSeeItInUseOrKept()
      throws Exception {
    RaceOutcome outcome = raceForOneKey(store.idempotency());

    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.claimed()).as("units of work that carried out the change").isEqualTo(1);
    assertThat(outcome.productsMade()).isEqualTo(1);
    assertThat(outcome.claimed() + outcome.kept() + outcome.inUse()).isEqualTo(threads());
    System.out.printf(
        "[%s] %d units of work racing for one key: 1 carried out, %d found it kept, %d in use%n",
        getClass().getSimpleName(), threads(), outcome.kept(), outcome.inUse());
  }

  /**
   * {@link #threads} units of work of the store under test at once, each claiming one key with
   * {@code records}; one that gets the key creates a product and keeps its answer. A control may
   * pass records that do not take part in the store's units of work.
   */
  public RaceOutcome raceForOneKey(IdempotencyRecords records) throws Exception {
    Instant now = freshNow();
    IdempotencyOwner owner = anOwner();
    IdempotencyKey key = aKey();
    Producer seller = aProducer();
    String title = "Raced " + key.value();
    int threads = threads();
    List<Claim> claims =
        Race.repeated(
            threads,
            () -> {
              try {
                return store
                    .transactions()
                    .inTransaction(
                        () -> {
                          Claim claim = records.claim(owner, key, now);
                          if (claim instanceof Claim.Claimed) {
                            Product made =
                                store
                                    .products()
                                    .add(new NewProduct(seller.id(), title, usd("2.00"), 1));
                            records.keep(record(owner, key, answer(200, "" + made.id()), now));
                          }
                          return claim;
                        });
              } catch (IdempotencyKeyInUseException e) {
                return Claim.IN_USE;
              } catch (RuntimeException e) {
                return new Claim.Kept(record(owner, key, answer(500, "failed: " + e), now));
              }
            });
    List<String> violations = new ArrayList<>();
    List<Product> made = productsOf(seller).stream().filter(p -> p.title().equals(title)).toList();
    Optional<IdempotencyRecord> kept = records.find(owner, key);
    if (made.size() != 1) {
      violations.add(made.size() + " products made for one key");
    }
    if (kept.isEmpty()) {
      violations.add("no record kept");
    } else if (made.size() == 1
        && !new String(kept.get().answer().body(), StandardCharsets.UTF_8)
            .equals("" + made.get(0).id())) {
      violations.add("the kept answer does not name the product made: " + kept.get());
    }
    int claimed = 0;
    int keptCount = 0;
    int inUse = 0;
    for (Claim claim : claims) {
      if (claim instanceof Claim.Claimed) {
        claimed++;
      } else if (claim instanceof Claim.InUse) {
        inUse++;
      } else {
        keptCount++;
        IdempotencyRecord seen = ((Claim.Kept) claim).record();
        if (kept.isEmpty() || !seen.equals(kept.get())) {
          violations.add("a unit of work saw another record than the one kept: " + seen);
        }
      }
    }
    if (claimed != 1) {
      violations.add(claimed + " units of work carried out the change");
    }
    return new RaceOutcome(threads, claimed, keptCount, inUse, made.size(), violations);
  }

  @Test
  void sweepsRacingRequestsThatReplaceExpiredKeys_deleteEachExpiredRecordOnce_andNoNewOne()
      throws Exception {
    Instant now = freshNow();
    int count = 200;
    List<IdempotencyRecord> old = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      old.add(keptAt(now.minus(RETENTION).minusSeconds(1 + i % 7)));
    }
    // Requests come again with half of the expired keys: each replaces its key's record.
    List<IdempotencyRecord> renewed = new ArrayList<>();
    for (int i = 0; i < count; i += 2) {
      IdempotencyRecord was = old.get(i);
      renewed.add(record(was.owner(), was.key(), answer(200, "renewed " + i), now));
    }
    AtomicInteger swept = new AtomicInteger();
    ConcurrentHashMap<IdempotencyKey, Claim> claims = new ConcurrentHashMap<>();
    List<Callable<Void>> work = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      work.add(
          () -> {
            int batch;
            do {
              batch = store.idempotency().deleteExpired(now, 5);
              swept.addAndGet(batch);
            } while (batch > 0);
            return null;
          });
    }
    for (IdempotencyRecord record : renewed) {
      work.add(
          () -> {
            claims.put(record.key(), keepAlone(record));
            return null;
          });
    }
    Race.together(threads() + 2, work);
    int last;
    while ((last = store.idempotency().deleteExpired(now, 50)) > 0) {
      swept.addAndGet(last);
    }

    for (IdempotencyRecord record : renewed) {
      assertThat(claims.get(record.key())).isInstanceOf(Claim.Claimed.class);
      assertThat(find(record)).as("renewed %s", record.key()).contains(record);
    }
    for (int i = 1; i < count; i += 2) {
      assertThat(find(old.get(i))).as("expired %d", i).isEmpty();
    }
    // Each expired record went once: by a sweep, or replaced by its key's new request.
    assertThat(swept.get()).isBetween(count / 2, count);
    assertThat(store.idempotency().deleteExpired(now.plus(RETENTION).minusMillis(1), 1_000))
        .as("nothing else expired")
        .isZero();
  }

  private IdempotencyRecord keptAt(Instant at) {
    IdempotencyRecord record =
        record(anOwner(), aKey(), answer(200, "{\"at\":\"" + at + "\"}"), at);
    assertThat(keepAlone(record)).isInstanceOf(Claim.Claimed.class);
    return record;
  }

  private Optional<IdempotencyRecord> find(IdempotencyRecord record) {
    return store.idempotency().find(record.owner(), record.key());
  }

  private List<Product> productsOf(Producer seller) {
    return store
        .products()
        .listByProducers(List.of(seller.id()))
        .getOrDefault(seller.id(), List.of());
  }

  private List<String> titlesOf(Producer seller) {
    return productsOf(seller).stream().map(Product::title).toList();
  }
}

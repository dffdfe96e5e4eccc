package org.barebones.store.domain.inmemory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.barebones.store.domain.port.Transactions;

/**
 * In-memory adapter: units of work over the in-memory repositories. A unit of work holds one
 * store-wide write lock, so units of work run one at a time and reads never see one half done; a
 * failed unit of work is undone from a journal of the writes it made.
 */
public final class InMemoryTransactions implements Transactions {

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final ThreadLocal<Deque<Runnable>> journal = new ThreadLocal<>();

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (journal.get() != null) {
      return work.get();
    }
    lock.writeLock().lock();
    Deque<Runnable> undo = new ArrayDeque<>();
    journal.set(undo);
    try {
      return work.get();
    } catch (RuntimeException | Error e) {
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
      throw e;
    } finally {
      journal.remove();
      lock.writeLock().unlock();
    }
  }

  /** Runs a read under the shared lock, so it never sees a unit of work half done. */
  <T> T read(Supplier<T> query) {
    lock.readLock().lock();
    try {
      return query.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Runs a write in the current unit of work, or in one of its own. */
  <T> T write(Supplier<T> change) {
    return inTransaction(change);
  }

  /** Puts an entry, remembering how to undo it. Call only inside {@link #write}. */
  <K, V> void put(Map<K, V> map, K key, V value) {
    V previous = map.put(key, value);
    journal.get().push(() -> restore(map, key, previous));
  }

  /** Removes an entry, remembering how to undo it. Call only inside {@link #write}. */
  <K, V> V remove(Map<K, V> map, K key) {
    V previous = map.remove(key);
    if (previous != null) {
      journal.get().push(() -> map.put(key, previous));
    }
    return previous;
  }

  private static <K, V> void restore(Map<K, V> map, K key, V previous) {
    if (previous == null) {
      map.remove(key);
    } else {
      map.put(key, previous);
    }
  }
}

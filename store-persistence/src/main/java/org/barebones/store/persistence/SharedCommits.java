package org.barebones.store.persistence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.barebones.store.domain.shared.StoreUnavailableException;

/**
 * Groups the units of work of one node that may share a commit. Units are handed in with a key
 * naming what they contend for, and only units with equal keys are grouped: each key has its own
 * lane, a queue of waiting units and one leader at a time, and lanes run side by side. A unit that
 * arrives while its lane runs no group becomes the leader and runs at once, alone, so at low load
 * (or with keys that differ) nothing waits and nothing is shared; units arriving while a group of
 * their lane runs queue up, and when that group ends, the oldest of them leads the next one and
 * takes every queued unit with it, up to a bound. There is no timer: a group is whatever queued
 * while the one before it ran. A leader runs one group, then hands the lead on, so no caller runs
 * others' work for ever. A lane with nothing queued and no leader is dropped.
 *
 * <p>Waiting units hold no connection and no lock of the database: only a leader's thread does, for
 * the one transaction of its group.
 */
final class SharedCommits {

  /** A caller's unit of work and, once its group has ended, its outcome. */
  static final class Unit<T> {
    final Supplier<T> work;
    private State state = State.QUEUED;
    private boolean settled;
    private T result;
    private Throwable failure;

    private Unit(Supplier<T> work) {
      this.work = work;
    }

    /** Runs the work on the calling thread (the leader's), in whatever transaction it is in. */
    T run() {
      return work.get();
    }

    /** The unit's answer: its work's result after the commit that made it durable. */
    void succeed(Object value) {
      @SuppressWarnings("unchecked")
      T typed = (T) value;
      result = typed;
      failure = null;
      settled = true;
    }

    /** The unit's answer: its work's failure, or a failure of its group's transaction. */
    void fail(Throwable e) {
      result = null;
      failure = Objects.requireNonNull(e, "failure");
      settled = true;
    }

    private T outcome() {
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
      return result;
    }
  }

  /** The units of one key: those queued, and whether one of them leads a group now. */
  private final class Lane {
    final Object key;
    final ArrayDeque<Unit<?>> queue = new ArrayDeque<>();
    final Condition ended = lock.newCondition();
    boolean leading;

    Lane(Object key) {
      this.key = key;
    }
  }

  private enum State {
    QUEUED,
    TAKEN,
    LEADING,
    DONE
  }

  private final int maxGroup;
  private final Consumer<List<Unit<?>>> runner;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Object, Lane> lanes = new HashMap<>();
  private final AtomicLong groups = new AtomicLong();
  private final AtomicLong units = new AtomicLong();
  private final AtomicLong largest = new AtomicLong();

  /**
   * @param maxGroup the most units one transaction takes
   * @param runner runs a group in one transaction and settles every unit in it (succeeds it after
   *     the commit, or fails it); a unit it leaves unsettled gets what the runner threw
   */
  SharedCommits(int maxGroup, Consumer<List<Unit<?>>> runner) {
    if (maxGroup < 1) {
      throw new IllegalArgumentException("maxGroup must be positive");
    }
    this.maxGroup = maxGroup;
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  /**
   * Runs {@code work} in a group of units with keys equal to {@code key}, as leader or as a waiter,
   * and answers its outcome.
   */
  <T> T submit(Object key, Supplier<T> work) {
    Objects.requireNonNull(key, "key");
    Unit<T> unit = new Unit<>(Objects.requireNonNull(work, "work"));
    boolean interrupted = false;
    Lane lane;
    lock.lock();
    try {
      lane = lanes.computeIfAbsent(key, Lane::new);
      if (!lane.leading) {
        lane.leading = true;
        unit.state = State.LEADING;
      } else {
        lane.queue.add(unit);
        while (unit.state == State.QUEUED || unit.state == State.TAKEN) {
          try {
            lane.ended.await();
          } catch (InterruptedException e) {
            if (unit.state == State.QUEUED) {
              // Not taken yet: it can still leave, and nothing of it ran.
              lane.queue.remove(unit);
              Thread.currentThread().interrupt();
              throw new StoreUnavailableException("Interrupted while waiting for the database", e);
            }
            // Taken: its work is running in a transaction that will commit or not; leaving now
            // would hide which. Wait for it, and keep the interrupt for the caller.
            interrupted = true;
          }
        }
      }
    } finally {
      lock.unlock();
    }
    try {
      if (unit.state == State.LEADING) {
        lead(lane, unit);
      }
      return unit.outcome();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void lead(Lane lane, Unit<?> own) {
    List<Unit<?>> group = new ArrayList<>();
    group.add(own);
    lock.lock();
    try {
      while (group.size() < maxGroup && !lane.queue.isEmpty()) {
        Unit<?> next = lane.queue.poll();
        next.state = State.TAKEN;
        group.add(next);
      }
    } finally {
      lock.unlock();
    }
    Throwable thrown = null;
    try {
      runner.accept(group);
    } catch (RuntimeException | Error e) {
      thrown = e;
    } finally {
      groups.incrementAndGet();
      units.addAndGet(group.size());
      largest.accumulateAndGet(group.size(), Math::max);
      lock.lock();
      try {
        for (Unit<?> unit : group) {
          if (!unit.settled) {
            unit.fail(
                thrown != null
                    ? thrown
                    : new IllegalStateException("a shared unit of work was left unanswered"));
          }
          unit.state = State.DONE;
        }
        Unit<?> next = lane.queue.poll();
        if (next == null) {
          lane.leading = false;
          lanes.remove(lane.key);
        } else {
          next.state = State.LEADING;
        }
        lane.ended.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Units queued for the next group. */
  int waiting() {
    lock.lock();
    try {
      return lanes.values().stream().mapToInt(l -> l.queue.size()).sum();
    } finally {
      lock.unlock();
    }
  }

  /** Keys with a group running or units queued. */
  int lanes() {
    lock.lock();
    try {
      return lanes.size();
    } finally {
      lock.unlock();
    }
  }

  /** Groups run (each one transaction, retries aside) since this object was made. */
  long groups() {
    return groups.get();
  }

  /** Units run in those groups. */
  long units() {
    return units.get();
  }

  /** The most units one group has held. */
  long largestGroup() {
    return largest.get();
  }
}

package org.barebones.store.domain.usecase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Test support: runs one action on many threads released at the same instant, and tallies what each
 * thread's run ended with (its answer, or the simple name of what it threw).
 */
final class Race {
  private Race() {}

  static Map<String, Integer> run(int threads, Supplier<String> action) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> runs = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        runs.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  try {
                    return action.get();
                  } catch (RuntimeException e) {
                    return e.getClass().getSimpleName();
                  }
                }));
      }
      ready.await(10, TimeUnit.SECONDS);
      go.countDown();
      Map<String, Integer> outcomes = new TreeMap<>();
      for (Future<String> run : runs) {
        outcomes.merge(run.get(60, TimeUnit.SECONDS), 1, Integer::sum);
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}

package org.barebones.store.domain.property;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.barebones.store.domain.fixtures.Scenario;
import org.barebones.store.domain.usecase.AuthenticatedProducer;

/**
 * Runs a property over many generated cases, each from its own seed, so every run checks the same
 * cases and a failure can be replayed: it names its seed and the steps its case took. Set the
 * system property {@code property.seed} to run one seed alone.
 */
final class Cases {
  private Cases() {}

  /** One generated case: a seeded source of randomness and a log of what it generated. */
  static final class Case {
    final Random random;
    private final List<String> steps = new ArrayList<>();
    private Scenario shop;
    private AuthenticatedProducer owner;

    private Case(long seed) {
      this.random = new Random(seed);
    }

    /** This case's own store, in memory, made on first use. */
    Scenario shop() {
      if (shop == null) {
        shop = Scenario.inMemory();
      }
      return shop;
    }

    /** A product of this case's one producer (registered on first use) in {@link #shop()}. */
    Scenario.ProductSetup aProduct() {
      if (owner == null) {
        owner = shop().aProducer().register();
      }
      return shop().aProduct().ownedBy(owner);
    }

    /** Records a step, so that a failure can tell what led to it. */
    void log(String step) {
      steps.add(step);
    }

    int between(int min, int max) {
      return min + random.nextInt(max - min + 1);
    }

    boolean chance(double probability) {
      return random.nextDouble() < probability;
    }

    /** An amount with two decimals from {@code minCents} to {@code maxCents}. */
    BigDecimal amount(long minCents, long maxCents) {
      long cents = minCents + (long) (random.nextDouble() * (maxCents - minCents + 1));
      return BigDecimal.valueOf(Math.min(cents, maxCents), 2);
    }

    /** A valid product price, 0.10 to 1,000.00. */
    BigDecimal price() {
      return amount(10, 100_000);
    }
  }

  interface Property {
    void check(Case c) throws Exception;
  }

  static void forAll(int cases, long firstSeed, Property property) {
    String only = System.getProperty("property.seed");
    if (only != null) {
      run(Long.parseLong(only), property);
      return;
    }
    for (int i = 0; i < cases; i++) {
      run(firstSeed + i, property);
    }
  }

  private static void run(long seed, Property property) {
    Case c = new Case(seed);
    try {
      property.check(c);
    } catch (Exception | AssertionError e) {
      throw new AssertionError(
          "Property failed for seed "
              + seed
              + " (rerun with -Dproperty.seed="
              + seed
              + "); steps:\n  "
              + String.join("\n  ", c.steps)
              + "\n"
              + e,
          e);
    }
  }
}

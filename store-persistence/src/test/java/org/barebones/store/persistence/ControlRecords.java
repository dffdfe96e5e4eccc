package org.barebones.store.persistence;

import java.util.List;
import javax.sql.DataSource;
import org.barebones.store.domain.contract.IdempotencyRecordsContract;
import org.barebones.store.domain.port.IdempotencyRecords;
import org.jdbi.v3.core.Jdbi;

/**
 * Test support: idempotency records that do not take part in the change's unit of work (the JDBI
 * adapter of another {@link Jdbi}, so that each claim and each keep commits on its own), which the
 * contract must catch keeping a record for a change that was rolled back.
 */
final class ControlRecords {
  private ControlRecords() {}

  static IdempotencyRecords outsideTheUnitOfWork(DataSource database) {
    return JdbiStorePersistence.open(Jdbi.create(database), TestDatabases.CURRENCY).idempotency();
  }

  /** What the contract's failed unit of work left behind with the broken records. */
  static List<String> failedUnitOfWork(IdempotencyRecordsContract contract, DataSource database) {
    List<String> violations = contract.failedUnitOfWork(outsideTheUnitOfWork(database));
    System.out.printf(
        "[%s control] records outside the unit of work: %s%n",
        contract.getClass().getSimpleName(), violations);
    return violations;
  }
}

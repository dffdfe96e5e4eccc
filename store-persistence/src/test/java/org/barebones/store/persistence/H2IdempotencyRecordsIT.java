package org.barebones.store.persistence;

/** The IdempotencyRecords contract and its control, on H2 in PostgreSQL mode. */
class H2IdempotencyRecordsIT extends JdbiIdempotencyRecordsContract {

  H2IdempotencyRecordsIT() {
    super(TestDatabases.Kind.H2);
  }
}

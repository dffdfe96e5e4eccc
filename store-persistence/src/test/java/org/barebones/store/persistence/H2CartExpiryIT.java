package org.barebones.store.persistence;

/** The CartExpiry contract and its control, on H2 in PostgreSQL mode. */
class H2CartExpiryIT extends JdbiCartExpiryContract {

  H2CartExpiryIT() {
    super(TestDatabases.Kind.H2);
  }
}

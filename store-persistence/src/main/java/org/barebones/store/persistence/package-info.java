/**
 * JDBI 3 adapters of the domain's driven ports, over plain SQL that runs unchanged on PostgreSQL
 * and on H2 in PostgreSQL mode; the schema is versioned by the Flyway migrations beside this
 * package's classes. {@link org.barebones.store.persistence.JdbiStorePersistence} is the entry
 * point.
 *
 * <p>Concurrency, in short: stock is only ever taken by a conditional {@code UPDATE}; carts are
 * locked with {@code SELECT ... FOR UPDATE} before their products, in ascending id order wherever
 * several are locked at once; a unit of work that the database aborts for a deadlock or a lock
 * timeout runs again from the start. Failures a client could provoke (a taken username, a product
 * or cart that no longer exists, a checked-out cart) surface as the domain's exceptions, and an
 * unreachable database as its {@code StoreUnavailableException}.
 */
package org.barebones.store.persistence;

package org.barebones.store.app.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Test support: marks a test class whose outcome depends on having the machine to itself: it
 * asserts how long something took, compares two loads, counts what a flood got done in a set time,
 * or needs its load to be mid-write when it kills the server. The build runs these one at a time,
 * after the other integration tests, which run two classes at once (see store-app's pom).
 */
@Tag(RunsAlone.TAG)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RunsAlone {
  /** The JUnit tag the build selects on. */
  String TAG = "alone";
}

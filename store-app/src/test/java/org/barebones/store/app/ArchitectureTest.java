package org.barebones.store.app;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rule of DESIGN.md, checked on the production classes of every module (test classes
 * and test jars are left out). ArchUnit's {@code failOnEmptyShould} stays on, so a rule whose
 * classes vanish (a renamed package) fails instead of passing vacuously.
 */
@AnalyzeClasses(
    packages = "org.barebones.store",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

  /** Leaves out the modules' test jars (contract suites, fixtures), which may use anything. */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }
  }

  private static final String DOMAIN = "org.barebones.store.domain..";
  private static final String HTTP = "org.barebones.store.http..";
  private static final String PERSISTENCE = "org.barebones.store.persistence..";
  private static final String APP = "org.barebones.store.app..";

  @ArchTest
  static final ArchRule domainDependsOnTheJdkAndItselfOnly =
      classes()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .onlyDependOnClassesThat()
          // javax.crypto is the JDK's own (PBKDF2); nothing outside the JDK is allowed.
          .resideInAnyPackage("java..", "javax.crypto..", DOMAIN);

  @ArchTest
  static final ArchRule httpNeverSeesPersistence =
      noClasses()
          .that()
          .resideInAPackage(HTTP)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(PERSISTENCE);

  @ArchTest
  static final ArchRule persistenceNeverSeesHttp =
      noClasses()
          .that()
          .resideInAPackage(PERSISTENCE)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(HTTP);

  @ArchTest
  static final ArchRule resourcesNeverReachARepositoryOrTransactions =
      noClasses()
          .that()
          .resideInAPackage("org.barebones.store.http.resource..")
          .should()
          .dependOnClassesThat(
              describe(
                  "are repositories or Transactions of the domain's ports",
                  (JavaClass c) ->
                      c.getPackageName().startsWith("org.barebones.store.domain.port")
                          && (c.getSimpleName().endsWith("Repository")
                              || c.getSimpleName().equals("Transactions"))));

  @ArchTest
  static final ArchRule onlyTheAppKnowsTheApp =
      noClasses()
          .that()
          .resideOutsideOfPackage(APP)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(APP);
}

package org.barebones.store.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The domain depends on the JDK alone: its sources import only {@code java.*}, {@code
 * javax.crypto.*} and the domain itself, and every dependency its POM (or its parent's) declares is
 * test-scoped. Surefire runs with the module directory as working directory.
 */
class DependencyRuleTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path MAIN_SOURCES = MODULE.resolve("src/main/java");
  private static final List<String> ALLOWED =
      List.of("java.", "javax.crypto.", "org.barebones.store.domain.");
  private static final Pattern IMPORT =
      Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");

  @Test
  void mainSources_importOnlyTheJdkAndTheDomain() throws IOException {
    List<Path> sources = javaSources();
    List<String> offending = new ArrayList<>();
    for (Path source : sources) {
      for (String imported : imports(Files.readAllLines(source))) {
        if (!isAllowed(imported)) {
          offending.add(MODULE.relativize(source) + ": " + imported);
        }
      }
    }

    assertThat(sources).as("main sources found under %s", MAIN_SOURCES).hasSizeGreaterThan(50);
    assertThat(offending).as("imports outside the JDK and the domain").isEmpty();
  }

  @Test
  void theRule_catchesAForeignImport() {
    List<String> imported =
        imports(
            List.of(
                "package org.barebones.store.domain;",
                "import java.util.List;",
                "import static java.util.Objects.requireNonNull;",
                "import javax.crypto.SecretKeyFactory;",
                "import org.barebones.store.domain.shared.Money;",
                "import com.google.common.collect.ImmutableList;",
                "import static org.slf4j.LoggerFactory.getLogger;",
                "import javax.sql.DataSource;",
                "import org.barebones.store.persistence.JdbiProductRepository;"));

    assertThat(imported.stream().filter(i -> !isAllowed(i)))
        .containsExactly(
            "com.google.common.collect.ImmutableList",
            "org.slf4j.LoggerFactory.getLogger",
            "javax.sql.DataSource",
            "org.barebones.store.persistence.JdbiProductRepository");
  }

  @Test
  void pom_declaresOnlyTestScopedDependencies() throws Exception {
    List<String> dependencies = dependencies(MODULE.resolve("pom.xml"));

    assertThat(dependencies).as("dependencies of store-domain/pom.xml").isNotEmpty();
    assertThat(dependencies).allSatisfy(d -> assertThat(d).endsWith(":test"));
  }

  @Test
  void parentPom_letsNoDependencyInherit() throws Exception {
    Path parent = MODULE.resolveSibling("pom.xml");
    assertThat(parent).exists();

    assertThat(dependencies(parent)).allSatisfy(d -> assertThat(d).endsWith(":test"));
  }

  private static List<Path> javaSources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static List<String> imports(List<String> lines) {
    List<String> found = new ArrayList<>();
    for (String line : lines) {
      Matcher m = IMPORT.matcher(line);
      if (m.find()) {
        found.add(m.group(1));
      }
    }
    return found;
  }

  private static boolean isAllowed(String imported) {
    return ALLOWED.stream().anyMatch(imported::startsWith);
  }

  /** {@code groupId:artifactId:scope} of each dependency the project itself declares. */
  private static List<String> dependencies(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    List<String> found = new ArrayList<>();
    for (Element dependencies : children(project, "dependencies")) {
      for (Element dependency : children(dependencies, "dependency")) {
        found.add(
            text(dependency, "groupId", "?")
                + ":"
                + text(dependency, "artifactId", "?")
                + ":"
                + text(dependency, "scope", "compile"));
      }
    }
    return found;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  private static String text(Element parent, String name, String absent) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? absent : found.get(0).getTextContent().trim();
  }
}

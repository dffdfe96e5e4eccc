package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.barebones.store.http.StoreHttp;
import org.junit.jupiter.api.Test;

/**
 * Where the pages sit in the hexagon (DESIGN.md, version 1.2): store-web is static resources only,
 * a client of the HTTP adapter that only store-app knows; the HTTP adapter does not know it exists,
 * and the pages call nothing but the public API. ArchUnit sees classes only, so these are checked
 * on the modules' outputs and files.
 */
class WebModuleTest {
  private static final String WEB = "org/barebones/store/web/";

  /** Every entry of the jar or class directory that holds {@code anchor}'s class or resource. */
  private static List<String> entriesBeside(URL location) {
    try {
      Path root = Path.of(location.toURI());
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          return files
              .filter(Files::isRegularFile)
              .map(f -> root.relativize(f).toString().replace('\\', '/'))
              .toList();
        }
      }
      try (ZipFile jar = new ZipFile(root.toFile())) {
        return jar.stream().map(e -> e.getName()).filter(n -> !n.endsWith("/")).toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The jar or class directory that holds the resource (jar:file:...!/x or file:.../x). */
  private static URL rootOf(String resource) throws Exception {
    URL url = WebModuleTest.class.getClassLoader().getResource(resource);
    assertThat(url).as(resource).isNotNull();
    String text = url.toString();
    if (text.startsWith("jar:")) {
      return java.net.URI.create(text.substring(4, text.indexOf("!/"))).toURL();
    }
    return java.net.URI.create(text.substring(0, text.length() - resource.length())).toURL();
  }

  @Test
  void theWebModule_isStaticResourcesOnly() throws Exception {
    List<String> entries = entriesBeside(rootOf(WEB + "shop/index.html"));
    assertThat(entries)
        .contains(WEB + "shop/index.html", WEB + "dashboard/index.html", WEB + "assets/store.css")
        .noneMatch(name -> name.endsWith(".class"));
    assertThat(entries)
        .filteredOn(name -> !name.startsWith("META-INF/"))
        .allMatch(name -> name.startsWith(WEB))
        .allMatch(name -> name.matches(".*\\.(html|js|css)"));
  }

  @Test
  void theHttpAdapter_doesNotKnowThePages() throws Exception {
    URL http = StoreHttp.class.getProtectionDomain().getCodeSource().getLocation();
    assertThat(entriesBeside(http)).isNotEmpty().noneMatch(name -> name.startsWith(WEB));
    // Nor does its build: store-http's POM names no store-web (run from store-app's directory).
    Path pom = Path.of("..", "store-http", "pom.xml");
    assertThat(pom).exists();
    assertThat(Files.readString(pom, StandardCharsets.UTF_8)).doesNotContain("store-web");
  }

  @Test
  void thePages_callOnlyThePublicApi_throughOneFetch() throws Exception {
    List<String> scripts = new ArrayList<>();
    for (String name :
        List.of("shop/shop.js", "dashboard/dashboard.js", "assets/api.js", "assets/ui.js")) {
      try (var in = WebModuleTest.class.getClassLoader().getResourceAsStream(WEB + name)) {
        assertThat(in).as(name).isNotNull();
        scripts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    Matcher calls =
        Pattern.compile("(?:(?:\\bcall|producerCall)\\(\"[A-Z]+\", |\\.post\\()([`\"])([^`\"]*)")
            .matcher(String.join("\n", scripts));
    List<String> paths = new ArrayList<>();
    while (calls.find()) {
      paths.add(calls.group(2));
    }
    assertThat(paths).hasSizeGreaterThan(10).allMatch(path -> path.startsWith("/api/"));
    long fetches =
        scripts.stream()
            .mapToLong(s -> Pattern.compile("\\bfetch\\(").matcher(s).results().count())
            .sum();
    assertThat(fetches).as("one fetch, in api.js").isEqualTo(1);
  }
}

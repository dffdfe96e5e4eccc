package org.barebones.store.app;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Test support: a headless Chromium driven through chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}). Without them a test is skipped, loudly, unless {@code
 * STORE_REQUIRE_BROWSER=true} (as CI sets), when it fails.
 */
final class Browser {
  private static final List<String> BROWSERS =
      List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
  private static final List<String> DRIVERS =
      List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

  private Browser() {}

  /** A new headless browser; skips (or, when required, fails) the test if there is none. */
  static ChromeDriver open() {
    String browser = find("CHROME_BIN", BROWSERS);
    String driver = find("CHROMEDRIVER", DRIVERS);
    if (browser == null || driver == null) {
      String message =
          "NO BROWSER: headless Chromium tests SKIPPED (install Debian's chromium and"
              + " chromium-driver; set STORE_REQUIRE_BROWSER=true to make this a failure)";
      if ("true".equals(System.getenv("STORE_REQUIRE_BROWSER"))) {
        throw new AssertionError(message.replace("SKIPPED", "REQUIRED"));
      }
      System.err.println("*** " + message + " ***");
      assumeTrue(false, message);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser);
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // as root in CI
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1100",
        "--user-data-dir=" + tempProfile());
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).build();
    return new ChromeDriver(service, options);
  }

  private static String tempProfile() {
    try {
      return Files.createTempDirectory("chromium-profile").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String find(String variable, List<String> candidates) {
    String configured = System.getenv(variable);
    if (configured != null && Files.isExecutable(Path.of(configured))) {
      return configured;
    }
    return candidates.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst().orElse(null);
  }
}

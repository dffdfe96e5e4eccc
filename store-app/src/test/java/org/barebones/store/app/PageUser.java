package org.barebones.store.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Test support: a person (or an outside test) using the store's pages through a headless browser,
 * finding controls only as the contract names them: a field by its visible label's text, a button
 * by its accessible name, a product or an order by the heading of the element that holds it.
 */
final class PageUser implements AutoCloseable {
  private final ChromeDriver browser;
  private final String base;
  private final WebDriverWait wait;

  PageUser(String base) {
    this.browser = Browser.open();
    this.base = base;
    this.wait = new WebDriverWait(browser, Duration.ofSeconds(60));
  }

  ChromeDriver browser() {
    return browser;
  }

  /** Opens a page of the server ("/shop/") and waits until its script has started. */
  void open(String path) {
    browser.get(base + path);
    await(() -> "true".equals(script("return document.body.dataset.ready || ''")));
  }

  void reload() {
    browser.navigate().refresh();
    await(() -> "true".equals(script("return document.body.dataset.ready || ''")));
  }

  Object script(String code, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(code, args);
  }

  /** Sets the viewport as a phone's (390 CSS pixels wide). */
  void phoneWidth() {
    browser.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
  }

  void await(Supplier<Boolean> condition) {
    wait.ignoring(StaleElementReferenceException.class).until(d -> condition.get());
  }

  /** Waits until the element's text contains {@code text}; answers that text. */
  String awaitText(Supplier<WebElement> element, String text) {
    await(() -> element.get().getText().contains(text));
    return element.get().getText();
  }

  WebElement page() {
    return browser.findElement(By.tagName("body"));
  }

  /** The section whose heading (h2) reads exactly {@code heading}. */
  WebElement section(String heading) {
    return browser.findElement(
        By.xpath("//section[h2[normalize-space(.)=" + quote(heading) + "]]"));
  }

  /**
   * The article (a product, a cart line, an order) whose heading (h3) reads exactly {@code title}.
   */
  WebElement item(SearchContext scope, String title) {
    List<WebElement> found = items(scope, title);
    assertThat(found).as("articles headed %s", title).hasSize(1);
    return found.get(0);
  }

  List<WebElement> items(SearchContext scope, String title) {
    return scope.findElements(
        By.xpath(".//article[.//h3[normalize-space(.)=" + quote(title) + "]]"));
  }

  /**
   * Waits for the article headed {@code title} in the scope to be shown (a page may keep a hidden
   * section's articles, such as the products of a session that has just expired).
   */
  WebElement awaitItem(Supplier<WebElement> scope, String title) {
    await(
        () -> {
          List<WebElement> found = items(scope.get(), title);
          return found.size() == 1 && found.get(0).isDisplayed();
        });
    return item(scope.get(), title);
  }

  /**
   * The field whose visible label in the scope reads exactly {@code label}: the label's {@code for}
   * names it, and the field's accessible name is that label.
   */
  WebElement field(SearchContext scope, String label) {
    List<WebElement> labels = visible(scope, "label", label);
    assertThat(labels).as("visible labels %s", label).hasSize(1);
    String id = labels.get(0).getAttribute("for");
    assertThat(id).as("the label %s names its field", label).isNotBlank();
    WebElement field = browser.findElement(By.id(id));
    assertThat(field.getAccessibleName()).isEqualTo(label);
    return field;
  }

  /** The visible {@code tag} elements in the scope whose text is exactly {@code text}. */
  private static List<WebElement> visible(SearchContext scope, String tag, String text) {
    return scope
        .findElements(By.xpath(".//" + tag + "[normalize-space(.)=" + quote(text) + "]"))
        .stream()
        .filter(WebElement::isDisplayed)
        .toList();
  }

  /** The one visible button in the scope whose accessible name is exactly {@code name}. */
  WebElement button(SearchContext scope, String name) {
    List<WebElement> buttons = visible(scope, "button", name);
    assertThat(buttons).as("visible buttons named %s", name).hasSize(1);
    assertThat(buttons.get(0).getAccessibleName()).isEqualTo(name);
    return buttons.get(0);
  }

  boolean hasButton(SearchContext scope, String name) {
    return scope
        .findElements(By.xpath(".//button[normalize-space(.)=" + quote(name) + "]"))
        .stream()
        .anyMatch(WebElement::isDisplayed);
  }

  /**
   * Checks every visible control of the page: each field has exactly one visible label naming it
   * (its accessible name is the label's text), each button's accessible name is its own visible
   * text (no aria-label that would rename it). Answers how many controls it checked.
   */
  int checkControlsAreNamed() {
    int checked = 0;
    for (WebElement control : browser.findElements(By.cssSelector("input, select, textarea"))) {
      if (!control.isDisplayed()) {
        continue;
      }
      String id = control.getAttribute("id");
      assertThat(id).as("a field's id").isNotBlank();
      List<WebElement> labels = browser.findElements(By.cssSelector("label[for='" + id + "']"));
      assertThat(labels).as("labels of #%s", id).hasSize(1);
      assertThat(labels.get(0).isDisplayed()).as("the label of #%s is visible", id).isTrue();
      assertThat(control.getAccessibleName()).isEqualTo(labels.get(0).getText().trim());
      checked++;
    }
    for (WebElement button : browser.findElements(By.tagName("button"))) {
      if (!button.isDisplayed()) {
        continue;
      }
      assertThat(button.getAttribute("aria-label"))
          .as("aria-label of %s", button.getText())
          .isNull();
      assertThat(button.getAccessibleName()).isNotBlank().isEqualTo(button.getText().trim());
      checked++;
    }
    return checked;
  }

  /** Replaces what the field holds with {@code text}, as typing would. */
  void fill(WebElement field, String text) {
    field.clear();
    field.sendKeys(text);
  }

  /** The message shown for a field (its aria-describedby), or "" when none. */
  String fieldMessage(WebElement field) {
    String described = field.getAttribute("aria-describedby");
    if (described == null || described.isBlank()) {
      return "";
    }
    return browser.findElement(By.id(described)).getText();
  }

  /** Every resource the page loaded (documents, scripts, styles, API calls). */
  @SuppressWarnings("unchecked")
  List<String> loadedResources() {
    return (List<String>)
        script(
            "return [location.href].concat("
                + "performance.getEntriesByType('resource').map(e => e.name))");
  }

  static String quote(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }

  @Override
  public void close() {
    browser.quit();
  }
}

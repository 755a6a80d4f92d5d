package se.samlarande.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * axe-core (Deque's accessibility checker, from the npm registry; the build copies {@code axe.min.js} into the test
 * classpath, never into the jar) run in the page a test's browser shows, against WCAG 2.0 and 2.1, levels A and AA,
 * and axe's best practices.
 * <p>
 * {@code Axe.assertNoViolations(driver)} fails with one line per violation: the rule, its impact, what it asks for
 * and the selectors of every element that breaks it.
 */
public final class Axe {

    /**
     * The rule sets of WCAG 2.1 AA (2.0 A and AA plus what 2.1 added at A and AA), and axe's best practices, which
     * hold what WCAG leaves to judgement: one main landmark, content in landmarks, unique landmark names, heading
     * order, a level-one heading.
     */
    public static final List<String> RULE_SETS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = load();

    private Axe() {
    }

    /** Runs axe on the whole page and fails, with a readable list, on any violation. */
    public static void assertNoViolations(WebDriver driver) {
        List<String> violations = violations(driver);
        if (!violations.isEmpty()) {
            fail("axe-core found " + violations.size() + " violation(s) of WCAG 2.1 AA or its best practices at "
                    + driver.getCurrentUrl() + ":\n" + String.join("\n", violations));
        }
    }

    /** The violations axe finds on the page, one line each: rule id, impact, help, the offending elements. */
    public static List<String> violations(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            js.executeScript(SOURCE); // through the driver, so the page's Content-Security-Policy does not apply
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Object answer = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
                   .then(r => done(JSON.stringify(r.violations)), e => done('error: ' + e));
                """, RULE_SETS);
        String text = String.valueOf(answer);
        if (text.startsWith("error: ")) {
            throw new IllegalStateException("axe-core could not run at " + driver.getCurrentUrl() + ": " + text);
        }
        try {
            List<String> found = new ArrayList<>();
            for (JsonNode violation : JSON.readTree(text)) {
                List<String> targets = new ArrayList<>();
                for (JsonNode node : violation.get("nodes")) {
                    targets.add(node.get("target").toString());
                }
                found.add("- " + violation.get("id").asText() + " (" + violation.path("impact").asText() + "): "
                        + violation.get("help").asText() + " at " + String.join(", ", targets)
                        + firstSummary(violation));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstSummary(JsonNode violation) {
        JsonNode first = violation.get("nodes").path(0);
        String summary = first.path("failureSummary").asText("");
        return summary.isEmpty() ? "" : "\n    " + summary.replace("\n", "\n    ");
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe-core/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core/axe.min.js is not on the test classpath: run the build with npm "
                        + "(without -Dskip.npm) once, so frontend/node_modules/axe-core exists");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

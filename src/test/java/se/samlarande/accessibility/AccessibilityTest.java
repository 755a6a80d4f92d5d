package se.samlarande.accessibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.samlarande.blog.Author;
import se.samlarande.blog.BlogService;
import se.samlarande.learning.PackageService;
import se.samlarande.library.LibraryService;
import se.samlarande.support.Axe;
import se.samlarande.support.HeadlessChromium;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.Participant;

/**
 * WCAG 2.1 AA on every page a guest, a host or a process owner uses outside the Camunda webapps, in headless Chromium:
 * axe-core finds no violation (rule sets wcag2a, wcag2aa, wcag21a, wcag21aa and best-practice), no page scrolls
 * sideways on a 360 px screen or at 200 % zoom, and the login and the guest blog's form work by keyboard alone with a visible focus.
 * <p>
 * The pages have content: three visits are driven once for the class through the real process (one just invited,
 * one hosted with a blog and an evaluation request, one closed), and every guest link comes from the email
 * GreenMail received.
 */
@SamlarandeTest
class AccessibilityTest extends VisitScenario {

    private static final Pattern LINK = Pattern.compile("http://localhost:8080/g/[A-Za-z0-9_-]{43}");
    private static final String UNKNOWN_LINK = "/g/" + "A".repeat(43);

    /** The visits, driven once: the Spring context (and its database) is shared by every test of the class. */
    private static Driven driven;

    record Driven(String invitedIntakeLink, String hostedReference, String hostedIntakeLink, String hostedBlogLink,
            String hostedEvaluationLink, String closedReference, long entryId, long packageId, String packageSlug) {
    }

    @LocalServerPort int port;
    @Autowired BlogService blog;
    @Autowired se.samlarande.partner.PartnerDirectory partners;
    @Autowired se.samlarande.partner.PartnerRegister partnerRegister;
    @Autowired LibraryService library;
    @Autowired PackageService packages;

    @RegisterExtension final HeadlessChromium chromium = new HeadlessChromium();
    private ChromeDriver browser;

    @BeforeEach
    void driveTheVisitsOnce() {
        browser = chromium.driver();
        if (driven == null) {
            driven = drive();
        }
    }

    @Test
    void theCheckerFindsTheViolationsOfAPageThatHasThem() {
        // given a page without a language, with an image without a text, pale grey text and a heading level skipped
        browser.get("data:text/html;charset=utf-8,<!DOCTYPE html><title>t</title><main><h1>Bad</h1>"
                + "<img src='x.png'><p style='color:%23bbb'>Pale</p><h4>Skipped</h4></main>");

        // when axe-core checks it, then it names each rule that is broken and where
        assertThat(String.join("\n", Axe.violations(browser))).contains("html-has-lang (serious)", "image-alt (critical)",
                "color-contrast (serious)", "heading-order (moderate)", "[\"img\"]");
    }

    @Test
    void everyStaffPageHasNoWcagViolations() {
        Map<String, List<String>> found = new LinkedHashMap<>();
        // the login page, then a coordinator's pages
        check(found, "/login");
        signIn("kim");
        check(found, "/");
        check(found, "/app/visits");
        check(found, "/app/visits/" + driven.hostedReference());
        check(found, "/app/visits/" + driven.closedReference());
        check(found, "/app/outbox");
        browser.findElement(By.cssSelector("main table a[href*='/app/outbox/']")).click();
        check(found, browser.getCurrentUrl().substring(base().length()));
        check(found, "/app/visits/" + driven.hostedReference() + "/blog");
        check(found, "/app/visits/" + driven.closedReference() + "/audit");
        check(found, "/app/privacy");
        // the partner register (a coordinator's view, with the forms and the people not to contact) and registration
        check(found, "/app/partners");
        check(found, partnerPage());
        check(found, partnerPage() + "?lang=en");
        check(found, "/app/visits/new");
        check(found, "/app/visits/new?lang=en");
        // the library and the learning packages, with a coordinator's forms, in Swedish and in English
        check(found, "/app/library");
        check(found, "/app/library?q=falls&level=INTERNATIONAL");
        check(found, "/app/library?q=falls&lang=en");
        check(found, "/app/library/" + driven.entryId());
        check(found, "/app/library/" + driven.entryId() + "?lang=en");
        check(found, "/app/packages");
        check(found, "/app/packages/" + driven.packageId());
        check(found, "/app/packages/" + driven.packageId() + "?lang=en");
        // a host's view of the blog (the moderation forms) and of a partner
        signIn("hanna");
        check(found, "/app/visits/" + driven.hostedReference() + "/blog");
        check(found, partnerPage());
        // a process owner's report, in Swedish and in English
        signIn("per");
        check(found, "/app/report?from=2027-01-01&to=2027-12-31");
        check(found, "/app/report?from=2027-01-01&to=2027-12-31&lang=en");
        check(found, "/app/migrations");
        // the register of units: a coordinator reads it, an admin keeps it (the forms, a unit's page)
        signIn("kim");
        check(found, "/app/units");
        signIn("demo");
        check(found, "/app/units");
        check(found, "/app/units?q=ryhov");
        browser.findElement(By.cssSelector("main table a[href*='/app/units/']")).click();
        check(found, browser.getCurrentUrl().substring(base().length()));
        assertThat(found).as("WCAG 2.1 AA violations by page").isEmpty();
    }

    @Test
    void everyGuestPageHasNoWcagViolations() {
        Map<String, List<String>> found = new LinkedHashMap<>();
        // the intake form and the evaluation form as form-js draws them
        checkForm(found, driven.invitedIntakeLink());
        checkForm(found, driven.hostedEvaluationLink());
        // the "sent" page of an intake, the blog, the unknown link
        check(found, driven.hostedIntakeLink());
        assertThat(browser.getCurrentUrl()).endsWith("/guest/intake/sent");
        check(found, driven.hostedBlogLink());
        assertThat(browser.getCurrentUrl()).endsWith("/guest/blog");
        check(found, UNKNOWN_LINK);
        // a link that has expired (long after the visit)
        moveClockTo(at(VISIT_TO.plusDays(90), 12, 0));
        check(found, driven.invitedIntakeLink());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
        assertThat(found).as("WCAG 2.1 AA violations by page").isEmpty();
    }

    @Test
    void thePublicPagesHaveNoWcagViolations() {
        Map<String, List<String>> found = new LinkedHashMap<>();
        check(found, "/blog/" + driven.hostedReference());
        check(found, "/blog/" + driven.hostedReference() + "?lang=en");
        check(found, "/packages/" + driven.packageSlug());
        check(found, "/packages/no-such-package");
        checkForm(found, "/request");
        checkForm(found, "/request?lang=en");
        assertThat(found).as("WCAG 2.1 AA violations by page").isEmpty();
    }

    @Test
    void everyPageNamesItsLanguageAndFitsA360PixelScreenAndTwiceTheZoom() {
        // given a narrow phone screen, then a 1280 px window at 200 % (640 CSS pixels at device scale 2)
        Map<String, String> overflowing = new LinkedHashMap<>();
        for (int[] screen : new int[][] { { 360, 740, 3 }, { 640, 512, 2 } }) {
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", screen[0], "height",
                    screen[1], "deviceScaleFactor", screen[2], "mobile", screen[0] < 400));
            browser.manage().deleteAllCookies();
            List<String> pages = new ArrayList<>(List.of("/login", "/request", "/request?lang=en",
                    "/blog/" + driven.hostedReference(), "/packages/" + driven.packageSlug(), UNKNOWN_LINK, driven.invitedIntakeLink(),
                    driven.hostedIntakeLink(), driven.hostedBlogLink(), driven.hostedEvaluationLink()));
            for (String page : pages) {
                fits(overflowing, screen[0], page);
            }
            signIn("kim");
            for (String page : List.of("/", "/app/visits", "/app/visits/" + driven.hostedReference(),
                    "/app/visits/" + driven.closedReference(), "/app/outbox",
                    "/app/visits/" + driven.hostedReference() + "/blog",
                    "/app/visits/" + driven.closedReference() + "/audit", "/app/privacy", "/app/partners", partnerPage(),
                    "/app/visits/new", "/app/library?q=falls", "/app/library/" + driven.entryId(), "/app/packages",
                    "/app/packages/" + driven.packageId())) {
                fits(overflowing, screen[0], page);
            }
            signIn("per");
            fits(overflowing, screen[0], "/app/report?from=2027-01-01&to=2027-12-31");
            fits(overflowing, screen[0], "/app/migrations");
        }
        // then no page is wider than the screen (tables scroll in their own box)
        assertThat(overflowing).as("pages wider than the screen: scrollWidth > clientWidth").isEmpty();
    }

    @Test
    void theLoginPageWorksByKeyboardAloneWithAVisibleFocus() {
        // given the login page
        browser.get(base() + "/login");

        // when a person tabs through it: first the skip link to the main content
        List<String> path = tabUntil("button[type=submit]");
        assertThat(path.get(0)).as("the first stop").contains("skip-link");
        assertThat(browser.findElement(By.cssSelector(".skip-link")).getDomAttribute("href")).isEqualTo("#main");
        assertThat(path).as("the tab order").containsSubsequence("input#username", "input#password", "button");

        // then types and presses Enter: signed in without a mouse
        browser.findElement(By.id("username")).sendKeys("kim");
        browser.findElement(By.id("password")).sendKeys("kim", Keys.ENTER);
        chromium.waiting().until(urlContains("/app/visits"));
    }

    @Test
    void theGuestBlogsFormWorksByKeyboardAloneWithAVisibleFocus() {
        // given the guest's blog
        browser.get(base() + driven.hostedBlogLink());
        chromium.waiting().until(urlContains("/guest/blog"));

        // when the guest tabs from the top of the page to the form's button
        List<String> path = tabUntil("#write button[type=submit]");

        // then every stop on the way showed its focus, and the form's fields come in reading order
        assertThat(path.get(0)).contains("skip-link");
        assertThat(path).containsSubsequence("input#post-signature", "input#post-title", "textarea#post-text",
                "input#post-images", "button");
    }

    @Test
    void theInvitationAsReceivedHasARealPlainTextPartAndLinksThatSayWhereTheyLead() throws Exception {
        // given the invitation a guest received over SMTP
        runDueJobs(registerVisit());
        MimeMessage invitation = Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).equals(guestEmail))
                .findFirst().orElseThrow();

        // then it offers plain text and HTML as alternatives of the same message
        List<String> types = new ArrayList<>();
        collectTypes(invitation, types);
        assertThat(types).anyMatch(t -> t.startsWith("text/plain")).anyMatch(t -> t.startsWith("text/html"));
        // the plain text is written as text: each link after the words that say what it opens, on a line of its own
        String text = plainText(invitation).replace("\r\n", "\n");
        assertThat(text).doesNotContainPattern("<[a-zA-Z/]").containsPattern(
                "Write your brief:\n" + LINK.pattern() + "\n\nThe visit's blog: read and write:\n" + LINK.pattern());
        // and the HTML part's links say the same words, not "click here" or the bare address
        String html = partOfType(invitation, "text/html");
        assertThat(html).containsPattern("<a [^>]*href=\"" + LINK.pattern() + "\"[^>]*>Write your brief</a>")
                .containsPattern("<a [^>]*href=\"" + LINK.pattern() + "\"[^>]*>The visit&#39;s blog: read and write</a>")
                .doesNotContainPattern("(?i)click here|>\\s*here\\s*<");
    }

    private static void collectTypes(jakarta.mail.Part part, List<String> types) throws Exception {
        types.add(part.getContentType().toLowerCase());
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collectTypes(multipart.getBodyPart(i), types);
            }
        }
    }

    /** The page of the hosted visit's partner organisation. */
    private String partnerPage() {
        return "/app/partners/" + partners.partnerOf(visits.getByReference(driven.hostedReference()).id()).orElseThrow().id();
    }

    // --- the browser --------------------------------------------------------------------------------

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private String address(String page) {
        return page.startsWith("http") ? page : base() + page;
    }

    private void check(Map<String, List<String>> found, String page) {
        browser.get(address(page));
        record(found, page);
    }

    /** A page with a form-js form: checked once the form is drawn (its submit button is there). */
    private void checkForm(Map<String, List<String>> found, String page) {
        browser.get(address(page));
        chromium.waiting().until(elementToBeClickable(By.cssSelector("#guest-form button[type=submit]")));
        record(found, page);
    }

    private void record(Map<String, List<String>> found, String page) {
        String lang = browser.findElement(By.tagName("html")).getDomAttribute("lang");
        List<String> violations = new ArrayList<>(Axe.violations(browser));
        if (lang == null || !lang.matches("sv|en")) {
            violations.add("- <html lang> is " + lang);
        }
        if (!violations.isEmpty()) {
            found.put(browser.getCurrentUrl(), violations);
        }
    }

    private void fits(Map<String, String> overflowing, int width, String page) {
        browser.get(address(page));
        if (browser.getCurrentUrl().contains("/guest/") && !browser.getCurrentUrl().endsWith("/sent")
                && !browser.getCurrentUrl().endsWith("/blog") || browser.getCurrentUrl().contains("/request")) {
            chromium.waiting().until(elementToBeClickable(By.cssSelector("#guest-form button[type=submit]")));
        }
        @SuppressWarnings("unchecked")
        List<Long> sizes = (List<Long>) browser.executeScript(
                "const e = document.documentElement; return [e.scrollWidth, e.clientWidth];");
        if (sizes.get(0) > sizes.get(1)) {
            overflowing.put(width + " px " + browser.getCurrentUrl(), sizes.get(0) + " > " + sizes.get(1)
                    + " widest: " + browser.executeScript("""
                            const w = document.documentElement.clientWidth;
                            return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
                              .slice(-3).map(e => e.tagName + '.' + e.className + '#' + e.id).join(' ');"""));
        }
    }

    /** Signs in through the login form, as a fresh person (the last one's cookies gone). */
    private void signIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get(base() + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        chromium.waiting().until(urlContains("/app/visits"));
    }

    /**
     * Presses Tab from the top of the page until the element the selector names has the focus; every element on the
     * way must show a focus indicator (an outline or a box shadow, by its computed style). Answers the stops as
     * {@code tag#id.class}.
     */
    private List<String> tabUntil(String selector) {
        WebElement target = browser.findElement(By.cssSelector(selector));
        List<String> path = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.switchTo().activeElement();
            String name = (String) browser.executeScript("const e = arguments[0]; return e.tagName.toLowerCase()"
                    + " + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '');",
                    focused);
            path.add(name);
            String outline = focused.getCssValue("outline-style") + " " + focused.getCssValue("outline-width");
            String shadow = focused.getCssValue("box-shadow");
            assertThat(!outline.startsWith("none") && !outline.endsWith(" 0px") || !"none".equals(shadow))
                    .as("a visible focus on %s (outline %s, box-shadow %s)", name, outline, shadow).isTrue();
            if (focused.equals(target)) {
                return path;
            }
        }
        throw new AssertionError("Tab never reached " + selector + "; it went " + path);
    }

    // --- the visits -----------------------------------------------------------------------------------

    private Driven drive() {
        // one visit just invited: its intake form
        guestEmail = "a11y-invited@partner.example.org";
        ProcessInstance invited = registerVisit();
        runDueJobs(invited);
        String invitedIntake = links(lastBodyTo(guestEmail)).get(0);

        // one hosted, with a blog and an evaluation request
        guestEmail = "a11y-hosted@partner.example.org";
        ProcessInstance hosted = driveToHostingTheVisit();
        List<String> invitation = links(bodiesTo(guestEmail).get(0));
        long visitId = visitOf(hosted).id();
        Participant guest = visits.guests(visitId).get(0);
        long post = blog.post(visitId, Author.guest(guest.id(), guest.name()), "Our checklist",
                "We bring our falls prevention checklist.\n\nSee you **soon**: <a href=\"https://example.org\">our page</a>",
                List.of());
        blog.comment(visitId, post, Author.staff("hanna", "Hanna"), "Welcome!");
        long hidden = blog.post(visitId, Author.staff("hanna", "Hanna"), "Draft", "Posted by mistake", List.of());
        blog.hidePost(visitId, hidden, "hanna", "Posted by mistake");
        blog.setPublic(visitId, true, "hanna");
        complete(hosted, "Task_HostVisit", "hanna", "attendance", 5L, "hostingNotes", "Good questions", "sharedWork",
                "Falls prevention in the home: a checklist the home care team goes through on the first visit.",
                "libraryConsent", true);
        runDueJobs(hosted);
        String evaluation = links(lastBodyTo(guestEmail)).get(0);

        // one closed, with its whole history for the audit trail
        moveClockTo(NOW);
        guestEmail = "a11y-closed@partner.example.org";
        ProcessInstance closed = driveToHostingTheVisit();
        driveFromHostingToTheSummaryMeeting(closed);
        holdTheSummaryMeeting(closed, false);
        runDueJobs(closed);
        moveClockTo(NOW);
        // the hosted visit's guest a competence friend with a role, so the partner page shows both kinds of people
        long partner = partners.partnerOf(visitId).orElseThrow().id();
        long friend = partners.allContacts(partner).stream().filter(c -> c.email().equals("a11y-hosted@partner.example.org"))
                .findFirst().orElseThrow().id();
        partnerRegister.recordConsent(partner, friend, true, "kim");
        partnerRegister.updateRoleTitle(partner, friend, "Specialist nurse", "kim");

        // the hosted visit's report in the library, quoted in a published learning package
        long entry = library.visibleEntriesOfVisit(visitId).get(0).id();
        long theme = library.themes().get(0).id();
        library.curate(entry, "Falls prevention in the home", "A checklist for the first home visit.",
                se.samlarande.visit.Language.EN, List.of(theme), "kim");
        long pkg = packages.create("Fallprevention för äldre", theme, se.samlarande.visit.Language.SV, "kim");
        long module = packages.addModule(pkg, "Riskbedömning", "Deltagarna kan bedöma fallrisk.", "Hur gör ni i dag?",
                "Har fallen minskat?");
        packages.addEntry(pkg, module, entry);
        packages.publish(pkg, "kim");

        return new Driven(local(invitedIntake), visitOf(hosted).reference(), local(invitation.get(0)),
                local(invitation.get(1)), local(evaluation), visitOf(closed).reference(), entry, pkg,
                packages.get(pkg).slug());
    }

    private static List<String> links(String body) {
        return LINK.matcher(body).results().map(r -> r.group()).toList();
    }

    /** The path of an emailed link, so it opens on this test's server. */
    private static String local(String link) {
        return link.substring("http://localhost:8080".length());
    }

    private List<String> bodiesTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).equalsIgnoreCase(address))
                .map(VisitScenario::plainText).toList();
    }

    private static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

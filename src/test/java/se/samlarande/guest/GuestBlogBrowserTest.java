package se.samlarande.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlMatches;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.samlarande.blog.BlogService;
import se.samlarande.support.HeadlessChromium;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;

/**
 * The visit blog in a real browser (headless Chromium): the guest follows the blog link from the invitation, writes a
 * post in the plain HTML form (no script on the page) and finds it in the timeline.
 */
@SamlarandeTest
class GuestBlogBrowserTest extends VisitScenario {

    private static final Pattern BLOG_LINK = Pattern.compile("read and write:\\s+(http://localhost:8080/g/[A-Za-z0-9_-]{43})");
    private static final String TEXT = "We are bringing our falls prevention checklist.\nSee you in January!";

    @LocalServerPort int port;
    @Autowired BlogService blog;

    @RegisterExtension final HeadlessChromium chromium = new HeadlessChromium();
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = chromium.driver();
        wait = chromium.waiting();
    }

    @Test
    void aGuestOpensTheBlogFromTheInvitationWritesAPostAndSeesItInTheTimeline() {
        // given the invitation in the guest's inbox, with its link to the blog
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        Matcher link = BLOG_LINK.matcher(lastBodyTo(guestEmail));
        assertThat(link.find()).isTrue();

        // when the guest opens it: the token leaves the address bar, the empty blog is in English
        browser.get(link.group(1).replace("http://localhost:8080", "http://127.0.0.1:" + port));
        wait.until(urlMatches("/guest/blog$"));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Visit blog");
        assertThat(browser.findElement(By.id("main")).getText()).contains("No posts yet. Write the first one!");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();

        // and writes a post, signed with the name the form offers
        WebElement signature = browser.findElement(By.id("post-signature"));
        assertThat(signature.getDomProperty("value")).isEqualTo("Fiona Grant");
        browser.findElement(By.id("post-title")).sendKeys("Our checklist");
        browser.findElement(By.id("post-text")).sendKeys(TEXT);
        browser.findElement(By.cssSelector("#write button[type=submit]")).click();

        // then the post is in the timeline, under "Before the visit", with its author
        wait.until(urlMatches("/guest/blog#post-\\d+$"));
        WebElement post = wait.until(visibilityOfElementLocated(By.cssSelector("article.blog-post")));
        assertThat(post.getText()).contains("Our checklist", "Before the visit", "Fiona Grant",
                "We are bringing our falls prevention checklist.", "See you in January!");
        assertThat(post.findElements(By.tagName("br"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Your post is published.");
        assertThat(blog.counts(visitOf(visit).id()).posts()).isEqualTo(1);
    }
}

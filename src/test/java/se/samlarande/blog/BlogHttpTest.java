package se.samlarande.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.samlarande.audit.AuditEvent;
import se.samlarande.audit.AuditLog;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.VisitActions;

/**
 * The visit blog over real HTTP: staff signed in with their Camunda account, a guest through the personal link from
 * the email GreenMail received, and anyone on a public blog. Plain HTML forms with CSRF tokens, no script.
 */
@SamlarandeTest
class BlogHttpTest extends VisitScenario {

    private static final Pattern BLOG_LINK = Pattern.compile("read and write:\\s+(http://localhost:8080/g/[A-Za-z0-9_-]{43})");
    private static final Pattern INTAKE_LINK = Pattern.compile("http://localhost:8080/g/[A-Za-z0-9_-]{43}");

    @LocalServerPort int port;
    @Autowired AuditLog audit;
    @Autowired BlogService blog;
    @Autowired JdbcClient jdbc;
    @Autowired VisitActions visitActions;

    private ProcessInstance visit;
    private long visitId;
    private String reference;
    private String staffBlog;

    @BeforeEach
    void anInvitedVisit() {
        visit = registerVisit();
        runDueJobs(visit);
        visitId = visitOf(visit).id();
        reference = visitOf(visit).reference();
        staffBlog = "/app/visits/" + reference + "/blog";
    }

    @Test
    void staffOfEveryGroupReadPostAndCommentButOnlyHostsCoordinatorsAndAdminsModerate() {
        // given the visit's page links to its blog
        BlogHttp kim = BlogHttp.signedIn(port, "kim");
        assertThat(kim.get("/app/visits/" + reference).body()).contains("href=\"" + staffBlog + "\"", "Besökets blogg");

        // when a coordinator posts, a host comments and a process owner comments too
        HttpResponse<String> posted = kim.postMultipart(staffBlog + "/posts", Map.of("title", "Välkomna",
                "text", "Vi ser fram emot besöket.\nRummet för videotriage är bokat.\n\nVälkomna!"));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains(staffBlog + "#post-"));
        long postId = onlyPost().id();
        BlogHttp hanna = BlogHttp.signedIn(port, "hanna");
        hanna.get(staffBlog);
        assertThat(hanna.postForm(staffBlog + "/posts/" + postId + "/comments", Map.of("text", "Vi är redo!")).statusCode())
                .isEqualTo(302);
        BlogHttp per = BlogHttp.signedIn(port, "per");
        per.get(staffBlog);
        assertThat(per.postForm(staffBlog + "/posts/" + postId + "/comments", Map.of("text", "Spännande.")).statusCode())
                .isEqualTo(302);

        // then everyone reads the post, its phase, its author and both comments, in Swedish
        HttpResponse<String> page = per.get(staffBlog);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Välkomna", "<p>Vi ser fram emot besöket.<br />", "Rummet för videotriage är bokat.</p>\n<p>Välkomna!</p>",
                "Före besöket", "Vi är redo!", "Spännande.", "Inlägg: 1 · kommentarer: 2")
                .doesNotContain("Dölj inlägget", "Gör bloggen offentlig");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
        assertThat(onlyPost().phase()).isEqualTo(Phase.BEFORE);
        assertThat(onlyPost().authorUserId()).isEqualTo("kim");
        assertThat(hanna.get(staffBlog).body()).contains("Dölj inlägget", "Gör bloggen offentlig");

        // and a process owner may neither hide nor make the blog public
        assertThat(per.postForm(staffBlog + "/posts/" + postId + "/hide", Map.of("reason", "Test")).statusCode()).isEqualTo(403);
        assertThat(per.postForm(staffBlog + "/public", Map.of("public", "true")).statusCode()).isEqualTo(403);
        assertThat(onlyPost().isHidden()).isFalse();
        assertThat(blog.isPublic(visitId)).isFalse();
        // nor act on the visit itself, as before
        assertThat(per.postForm("/app/visits/" + reference + "/cancel", Map.of("reason", "Test")).statusCode()).isEqualTo(403);
    }

    @Test
    void aGuestPostsAndCommentsThroughThePersonalLinkFromTheEmail() throws IOException {
        // given the invitation, with a link to the blog after the link to the intake
        String email = lastBodyTo(guestEmail);
        BlogHttp guest = new BlogHttp(port);

        // when the guest follows the blog link
        HttpResponse<String> opened = guest.get(blogLinkIn(email));
        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(opened.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/guest/blog"));
        HttpResponse<String> page = guest.get("/guest/blog");

        // then the blog is in the guest's language, the form signed with their name, no script on the page
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"en\"", "Visit blog", "No posts yet", "Write a post",
                "value=\"Fiona Grant\"", "enctype=\"multipart/form-data\"").doesNotContain("<script");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        // a post signed with a name the guest chose, with an image
        HttpResponse<String> posted = guest.postMultipart("/guest/blog/posts",
                Map.of("signature", "Fiona (NHS Lothian)", "title", "Looking forward", "text", "We are packing our bags."),
                new BlogHttp.File("images", "bags.png", "image/png", png()));
        assertThat(posted.statusCode()).isEqualTo(302);
        BlogPost post = onlyPost();
        assertThat(post.authorParticipantId()).isEqualTo(contactGuestId(visit));
        assertThat(post.authorName()).isEqualTo("Fiona (NHS Lothian)");
        assertThat(post.attachments()).singleElement().satisfies(a -> assertThat(a.contentType()).isEqualTo("image/png"));

        // and a comment under a post by staff
        BlogHttp.signedIn(port, "hanna").postMultipart(staffBlog + "/posts", Map.of("text", "Welcome, we are ready."));
        long staffPost = posts().get(1).id();
        guest.get("/guest/blog");
        assertThat(guest.postForm("/guest/blog/posts/" + staffPost + "/comments",
                Map.of("signature", "Fiona", "text", "Thank you!")).statusCode()).isEqualTo(302);
        HttpResponse<String> after = guest.get("/guest/blog");
        assertThat(after.body()).contains("Looking forward", "Fiona (NHS Lothian)", "We are packing our bags.",
                "Welcome, we are ready.", "Thank you!", "/guest/blog/images/" + post.attachments().get(0).id());
        HttpResponse<byte[]> image = guest.getBytes("/guest/blog/images/" + post.attachments().get(0).id());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.body()).isEqualTo(png());

        // a half-typed comment without a name comes back with its message and the text kept
        HttpResponse<String> refused = guest.postForm("/guest/blog/posts/" + staffPost + "/comments",
                Map.of("signature", " ", "text", "Half a thought"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Please write your name as it should be shown.", "Half a thought");

        // the intake link's session opens the blog as well; without a session there is no blog
        BlogHttp other = new BlogHttp(port);
        other.get(INTAKE_LINK.matcher(email).results().findFirst().orElseThrow().group());
        assertThat(other.get("/guest/blog").statusCode()).isEqualTo(200);
        assertThat(new BlogHttp(port).get("/guest/blog").statusCode()).isEqualTo(403);
    }

    @Test
    void injectedScriptsStylesAndEventHandlersAreNeutralisedInPostsAndComments() {
        // given markup meant to run in readers' browsers, in a guest's post and a staff comment
        String attack = """
                <script>alert('post')</script><b>bold</b> and <i>italic</i>
                <img src=x onerror="alert('img')"><a href="javascript:alert('link')">click</a>
                <style>body { display: none }</style><noscript><p>hidden</p></noscript>
                <a href="https://example.org/report" onclick="alert('click')">the report</a>
                <ul><li>one</li><li>two</li></ul>""";
        BlogHttp guest = new BlogHttp(port);
        guest.get(blogLinkIn(lastBodyTo(guestEmail)));
        guest.get("/guest/blog");
        guest.postMultipart("/guest/blog/posts", Map.of("signature", "<script>alert('name')</script>Fiona", "text", attack));
        BlogHttp kim = BlogHttp.signedIn(port, "kim");
        kim.get(staffBlog);
        kim.postForm(staffBlog + "/posts/" + onlyPost().id() + "/comments", Map.of("text", attack.replace("post", "comment")));

        // when the blog is served to staff and to the guest
        String staffPage = kim.get(staffBlog).body();
        String guestPage = guest.get("/guest/blog").body();

        // then nothing that could run does: the guest's post is text as typed, the staff comment keeps the safe
        // formatting only
        for (String page : new String[] {staffPage, guestPage}) {
            assertThat(page).doesNotContain("<script", "onerror=", "onclick=", "href=\"javascript:", "<style",
                    "<noscript", "<img src=\"x\"", "alert('", "alert(&#39;comment", "display: none }</style>");
            assertThat(page).contains("<b>bold</b>", "<i>italic</i>", "<ul><li>one</li><li>two</li></ul>",
                    "<a href=\"https://example.org/report\" rel=\"nofollow noopener noreferrer\">the report</a>",
                    "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;Fiona",
                    "&lt;script&gt;alert(&#39;post&#39;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;");
        }
        assertThat(onlyPost().bodyHtml().replaceAll("<(/?p|br /)>", "")).doesNotContain("<", ">");
        assertThat(onlyPost().comments()).singleElement()
                .satisfies(c -> assertThat(c.bodyHtml()).doesNotContain("script", "onerror", "javascript", "style"));
    }

    @Test
    void hiddenPostsAndCommentsStayInTheTableAndTheAuditTrailAndLeaveTheReadersPages() {
        // given a guest's post with a comment, on a public blog
        BlogHttp guest = new BlogHttp(port);
        guest.get(blogLinkIn(lastBodyTo(guestEmail)));
        guest.get("/guest/blog");
        guest.postMultipart("/guest/blog/posts", Map.of("signature", "Fiona", "text", "Something that should not be here"));
        long postId = onlyPost().id();
        guest.get("/guest/blog");
        guest.postMultipart("/guest/blog/posts", Map.of("signature", "Fiona", "text", "A fine post"));
        long keptPost = posts().get(1).id();
        guest.get("/guest/blog");
        guest.postForm("/guest/blog/posts/" + keptPost + "/comments", Map.of("signature", "Fiona", "text", "A rude comment"));
        long commentId = posts().get(1).comments().get(0).id();
        BlogHttp hanna = BlogHttp.signedIn(port, "hanna");
        hanna.get(staffBlog);
        hanna.postForm(staffBlog + "/public", Map.of("public", "true"));

        // a hide without a reason is refused
        hanna.get(staffBlog);
        HttpResponse<String> noReason = hanna.postForm(staffBlog + "/posts/" + postId + "/hide", Map.of("reason", ""));
        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(noReason.body()).contains("Skriv varför det döljs.");

        // when the host hides the post and the comment, each with a reason
        hanna.get(staffBlog);
        assertThat(hanna.postForm(staffBlog + "/posts/" + postId + "/hide", Map.of("reason", "Personuppgifter")).statusCode())
                .isEqualTo(302);
        hanna.get(staffBlog);
        assertThat(hanna.postForm(staffBlog + "/comments/" + commentId + "/hide", Map.of("reason", "Ton")).statusCode())
                .isEqualTo(302);

        // then the rows are kept with who and why, the audit trail says so
        assertThat(jdbc.sql("SELECT hidden_by, hidden_reason, body_html FROM sl_blog_post WHERE id = ?").param(postId)
                .query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3)).single())
                .isEqualTo("hanna|Personuppgifter|<p>Something that should not be here</p>");
        assertThat(jdbc.sql("SELECT hidden_reason FROM sl_blog_comment WHERE id = ?").param(commentId).query(String.class).single())
                .isEqualTo("Ton");
        assertThat(audit.forVisit(visitId)).extracting(AuditEvent::action, AuditEvent::actor)
                .contains(org.assertj.core.groups.Tuple.tuple("POST_HIDDEN", "hanna"),
                        org.assertj.core.groups.Tuple.tuple("COMMENT_HIDDEN", "hanna"));
        assertThat(audit.forVisit(visitId)).filteredOn(e -> e.action().equals("POST_HIDDEN")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("Personuppgifter"));

        // staff see them marked as hidden; the guest and the public no longer see them
        assertThat(hanna.get(staffBlog).body()).contains("Something that should not be here", "A rude comment",
                "Dolt", "av hanna: Personuppgifter", "av hanna: Ton");
        for (String page : new String[] {guest.get("/guest/blog").body(), new BlogHttp(port).get("/blog/" + reference).body()}) {
            assertThat(page).contains("A fine post").doesNotContain("Something that should not be here", "A rude comment");
        }
        assertThat(blog.counts(visitId).posts()).isEqualTo(1);
        assertThat(blog.counts(visitId).comments()).isZero();

        // and a guest cannot comment on the hidden post
        guest.get("/guest/blog");
        assertThat(guest.postForm("/guest/blog/posts/" + postId + "/comments", Map.of("signature", "Fiona", "text", "Hello?"))
                .statusCode()).isEqualTo(422);
    }

    @Test
    void aPublicBlogIsReadAnonymouslyOnlyWhileItIsPublicAndShowsNoAddresses() {
        // given a blog with a guest's post and a coordinator's comment
        BlogHttp guest = new BlogHttp(port);
        guest.get(blogLinkIn(lastBodyTo(guestEmail)));
        guest.get("/guest/blog");
        guest.postMultipart("/guest/blog/posts", Map.of("signature", "Fiona G.", "text", "What we hope to learn"));
        BlogHttp kim = BlogHttp.signedIn(port, "kim");
        kim.get(staffBlog);
        kim.postForm(staffBlog + "/posts/" + onlyPost().id() + "/comments", Map.of("text", "Välkomna!"));
        BlogHttp anyone = new BlogHttp(port);

        // a private blog and a visit that does not exist look the same from outside
        HttpResponse<String> privateBlog = anyone.get("/blog/" + reference);
        HttpResponse<String> noVisit = anyone.get("/blog/SL-1999-9999");
        assertThat(privateBlog.statusCode()).isEqualTo(404);
        assertThat(noVisit.statusCode()).isEqualTo(404);
        assertThat(privateBlog.body()).isEqualTo(noVisit.body()).doesNotContain("What we hope to learn");

        // when a coordinator makes it public
        kim.get(staffBlog);
        assertThat(kim.postForm(staffBlog + "/public", Map.of("public", "true")).statusCode()).isEqualTo(302);
        assertThat(kim.get(staffBlog).body()).contains("Bloggen är offentlig", "/blog/" + reference);

        // then anyone reads it, authors by the names they signed, without addresses or forms
        HttpResponse<String> page = anyone.get("/blog/" + reference + "?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"en\"", "Digital triage i primärvården", "What we hope to learn", "Fiona G.",
                "Välkomna!", "Before the visit").doesNotContain(guestEmail, "@", "<form", "textarea", "Fiona Grant");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
        assertThat(audit.forVisit(visitId)).extracting(AuditEvent::action).contains("BLOG_MADE_PUBLIC");

        // and no longer once it is private again
        kim.get(staffBlog);
        kim.postForm(staffBlog + "/public", Map.of("public", "false"));
        assertThat(anyone.get("/blog/" + reference).statusCode()).isEqualTo(404);
    }

    @Test
    void imagesAreAcceptedByTheirContentAndServedSafelyAndOtherFilesAreRefusedWithTheTextKept() throws IOException {
        BlogHttp kim = BlogHttp.signedIn(port, "kim");

        // a file declared as PNG that is really HTML is refused, with the typing kept
        kim.get(staffBlog);
        HttpResponse<String> notAnImage = kim.postMultipart(staffBlog + "/posts", Map.of("title", "Bilder", "text", "Från rummet"),
                new BlogHttp.File("images", "photo.png", "image/png", "<html><script>alert(1)</script></html>".getBytes()));
        assertThat(notAnImage.statusCode()).isEqualTo(422);
        assertThat(notAnImage.body()).contains("Filen photo.png är ingen bild som bloggen tar emot", "Från rummet", "value=\"Bilder\"");

        // one over the size limit too (5 MB by default)
        byte[] tooBig = Arrays.copyOf(png(), 5 * 1024 * 1024 + 1);
        kim.get(staffBlog);
        HttpResponse<String> big = kim.postMultipart(staffBlog + "/posts", Map.of("text", "Stor bild"),
                new BlogHttp.File("images", "big.png", "image/png", tooBig));
        assertThat(big.statusCode()).isEqualTo(422);
        assertThat(big.body()).contains("Bilden big.png är för stor: högst 5 MB.", "Stor bild");
        assertThat(posts()).isEmpty();

        // a real PNG with an unsafe name is stored under a safe one
        kim.get(staffBlog);
        HttpResponse<String> accepted = kim.postMultipart(staffBlog + "/posts", Map.of("text", "Rummet för videotriage"),
                new BlogHttp.File("images", "..\\\\evil\\\" name<x>.png", "application/octet-stream", png()));
        assertThat(accepted.statusCode()).isEqualTo(302);
        BlogPost.Attachment stored = onlyPost().attachments().get(0);
        assertThat(stored.fileName()).matches("[A-Za-z0-9._-]+\\.png");

        // served with its real type, never sniffed, inline under the safe name
        HttpResponse<byte[]> image = kim.getBytes(staffBlog + "/images/" + stored.id());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(image.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"" + stored.fileName() + "\"");
        assertThat(image.body()).isEqualTo(png());

        // the public, and anyone without a session, get nothing while the blog is private
        assertThat(new BlogHttp(port).getBytes("/blog/" + reference + "/images/" + stored.id()).statusCode()).isEqualTo(404);
        assertThat(new BlogHttp(port).getBytes("/guest/blog/images/" + stored.id()).statusCode()).isEqualTo(403);
    }

    @Test
    void everyOpeningOfABlogPageIsCountedWithWhoOpenedIt() {
        // given a public blog
        BlogHttp kim = BlogHttp.signedIn(port, "kim");
        kim.get(staffBlog);
        kim.postForm(staffBlog + "/public", Map.of("public", "true"));
        BlogHttp guest = new BlogHttp(port);
        guest.get(blogLinkIn(lastBodyTo(guestEmail)));

        // when staff open it once more, the guest twice and someone on the public page once
        kim.get(staffBlog);
        guest.get("/guest/blog");
        guest.get("/guest/blog");
        new BlogHttp(port).get("/blog/" + reference);

        // then each opening is a view, by kind of viewer
        assertThat(jdbc.sql("SELECT viewer_kind, viewer FROM sl_blog_view WHERE visit_id = ? ORDER BY id").param(visitId)
                .query((rs, n) -> rs.getString(1) + ":" + rs.getString(2)).list())
                .containsExactly("STAFF:kim", "STAFF:kim", "GUEST:" + contactGuestId(visit), "GUEST:" + contactGuestId(visit),
                        "PUBLIC:null");
        assertThat(blog.counts(visitId).views()).isEqualTo(5);
    }

    @Test
    void aCancelledVisitsBlogCanBeReadButNotWritten() {
        // given a post, then the visit cancelled
        BlogHttp kim = BlogHttp.signedIn(port, "kim");
        kim.get(staffBlog);
        kim.postMultipart(staffBlog + "/posts", Map.of("text", "Vi ses snart"));
        String blogLink = blogLinkIn(lastBodyTo(guestEmail));
        visitActions.cancel(reference, "Värdenheten har stängt");
        runDueJobs(visit);

        // when staff try to post
        HttpResponse<String> refused = kim.postMultipart(staffBlog + "/posts", Map.of("text", "Ett inlägg till"));

        // then it is refused with a clear message, and the blog can still be read by staff and the guest
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Besöket är inställt, så det går inte längre att skriva i bloggen.");
        assertThat(kim.get(staffBlog).body()).contains("Vi ses snart", "Bloggen kan läsas men inte skrivas i")
                .doesNotContain("Publicera inlägget");
        BlogHttp guest = new BlogHttp(port);
        assertThat(guest.get(blogLink).statusCode()).isEqualTo(302);
        assertThat(guest.get("/guest/blog").body()).contains("Vi ses snart", "The visit is cancelled")
                .doesNotContain("Publish the post");
        assertThat(posts()).hasSize(1);
    }

    @Test
    void theProcessTellsTheStoryOnTheBlogFromConfirmationToTheApprovedSummaryAndWhatWasPutIntoPractice() {
        // given a visit driven through the process: programme confirmed, hosted, evaluated, summary meeting held
        String blogLink = blogLinkIn(lastBodyTo(guestEmail));
        answers.recordIntake(visitId, contactGuestId(visit), "Goals", "Work", "kim");
        runDueJobs(visit);
        complete(visit, "Task_ReviewIntake", "hanna", "programme", "Day 1: <b>triage</b> room\nDay 2: falls team");
        runDueJobs(visit);
        moveClockTo(at(VISIT_FROM, 8, 0));
        runDueJobs(visit);
        driveFromHostingToTheSummaryMeeting(visit);
        holdTheSummaryMeeting(visit, true);

        // when a coordinator approves the drafted summary post
        complete(visit, "Task_ApproveSummaryPost", "kim", "summaryPostDecision", "approve");

        // then the guest reads the story: the confirmation with its programme before, the summary after
        BlogHttp guest = new BlogHttp(port);
        guest.get(blogLink);
        String page = guest.get("/guest/blog").body();
        assertThat(page).contains("Before the visit", "The visit is confirmed", "Day 1: &lt;b&gt;triage&lt;/b&gt; room<br />",
                "After the visit", "Summary of the visit", "The purpose of the visit was met.", "Video triage saves trips",
                "Samlärande");
        assertThat(page.indexOf("The visit is confirmed")).isLessThan(page.indexOf("Summary of the visit"));
        assertThat(posts()).extracting(BlogPost::kind, BlogPost::phase).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PostKind.MILESTONE, Phase.BEFORE),
                org.assertj.core.groups.Tuple.tuple(PostKind.SUMMARY, Phase.AFTER));

        // and months later, when the host has told what was put into practice, the blog ends with that
        followUpThePractice(visit, "YES", "Video triage in both teams", "Fewer trips");
        String staffPage = BlogHttp.signedIn(port, "kim").get(staffBlog).body();
        assertThat(staffPage).contains("Was it put into practice?", "Yes: what the summary meeting planned has been introduced.",
                "Video triage in both teams", "Uppföljning");
        assertThat(staffPage.indexOf("Summary of the visit")).isLessThan(staffPage.indexOf("Was it put into practice?"));
        assertThat(posts()).extracting(BlogPost::kind).containsExactly(PostKind.MILESTONE, PostKind.SUMMARY,
                PostKind.PRACTICE_FOLLOW_UP);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private java.util.List<BlogPost> posts() {
        return blog.timeline(visitId, true).sections().stream().flatMap(s -> s.posts().stream()).toList();
    }

    private BlogPost onlyPost() {
        java.util.List<BlogPost> posts = posts();
        assertThat(posts).hasSize(1);
        return posts.get(0);
    }

    static String blogLinkIn(String email) {
        Matcher m = BLOG_LINK.matcher(email);
        assertThat(m.find()).as("a link to the blog in: %s", email).isTrue();
        return m.group(1);
    }

    static byte[] png() {
        try {
            BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, 0x005a9c);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package se.samlarande.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;

import se.samlarande.support.SamlarandeTest;

/**
 * Emails in the reader's language, with a real plain-text part and HTML that escapes what people typed; both read
 * well with a screen reader: the plain text is written as text, and every link's text says where it leads.
 */
@SamlarandeTest
class MailComposerTest {

    @Autowired MailComposer composer;

    private static final Object[] ARGS = {"Digital triage", "Vårdcentralen Ryhov", "18–19 januari 2027",
            "4 januari 2027", "SL-2027-0001", "NHS <Lothian>"};

    @Test
    void aSwedishGuestGetsSwedishTextAndAnEnglishGuestEnglish() {
        MailContent sv = composer.compose(MailKind.INVITATION, Locale.forLanguageTag("sv"), "Anna", ARGS, List.of());
        MailContent en = composer.compose(MailKind.INVITATION, Locale.ENGLISH, "Fiona", ARGS, List.of());

        assertThat(sv.subject()).isEqualTo("Inbjudan till samlärandebesök: Digital triage");
        assertThat(sv.text()).startsWith("Hej Anna!").contains("senast 4 januari 2027");
        assertThat(en.subject()).isEqualTo("Invitation to a co-learning visit: Digital triage");
        assertThat(en.text()).startsWith("Dear Fiona,").contains("by 4 januari 2027");
        assertThat(en.html()).contains("lang=\"en\"");
    }

    @Test
    void markupTypedByPeopleIsEscapedInTheHtmlPart() {
        MailContent mail = composer.compose(MailKind.CANCELLATION, Locale.ENGLISH, "<script>x</script>", ARGS,
                List.of(new MailComposer.Fact("mail.fact.cancel-reason", "<b>storm</b>")));

        assertThat(mail.html()).doesNotContain("<script>").doesNotContain("<b>storm</b>")
                .contains("&lt;b&gt;storm&lt;/b&gt;");
        assertThat(mail.text()).contains("Reason: <b>storm</b>");
    }

    private static final Pattern ANCHOR = Pattern.compile("<a [^>]*href=\"([^\"]+)\"[^>]*>([^<]*)</a>");
    private static final String LINK = "https://samlarande.example.org/g/intake-token";
    private static final String BLOG = "https://samlarande.example.org/g/blog-token";

    @Test
    void everyLinkSaysWhereItLeadsInTheHtmlAndInThePlainText() {
        for (Locale locale : List.of(Locale.forLanguageTag("sv"), Locale.ENGLISH)) {
            for (MailKind kind : List.of(MailKind.INVITATION, MailKind.INTAKE_REMINDER, MailKind.EVALUATION_REQUEST,
                    MailKind.EVALUATION_REMINDER, MailKind.GUEST_LINK)) {
                // given an email with a personal link and the blog's link
                MailContent mail = composer.compose(kind, locale, "Fiona", ARGS, List.of(), LINK, BLOG);

                // then the HTML's two links have texts of their own that name what they open, never "click here"
                // nor the bare address (WCAG 2.4.4)
                List<String[]> anchors = ANCHOR.matcher(mail.html()).results()
                        .map(m -> new String[] { m.group(1), HtmlUtils.htmlUnescape(m.group(2)).strip() }).toList();
                assertThat(anchors).as("%s %s", kind, locale).extracting(a -> a[0]).containsExactly(LINK, BLOG);
                assertThat(anchors).extracting(a -> a[1]).doesNotHaveDuplicates().allSatisfy(text -> assertThat(text)
                        .as("link text in %s %s", kind, locale).hasSizeGreaterThan(8)
                        .doesNotContainIgnoringCase("klicka").doesNotContainIgnoringCase("click")
                        .isNotEqualToIgnoringCase("här").isNotEqualToIgnoringCase("here").doesNotContain("://"));

                // and the plain text gives each link on a line of its own after the same words, so a reader hears
                // what the address is for before the address
                for (String[] anchor : anchors) {
                    assertThat(mail.text()).contains(anchor[1] + ":\n" + anchor[0] + "\n");
                }
            }
        }
    }

    @Test
    void thePlainTextPartIsWrittenAsTextNotStrippedHtml() {
        // given an invitation with facts, in English
        MailContent mail = composer.compose(MailKind.INVITATION, Locale.ENGLISH, "Fiona", ARGS,
                List.of(new MailComposer.Fact("mail.fact.cancel-reason", "Storm")), LINK, BLOG);

        // then the text has no markup, no entities, no runs of layout blanks; paragraphs are separated by one blank
        // line; every fact is one "label: value" line; it ends with the signature
        assertThat(mail.text()).doesNotContainPattern("<[a-zA-Z/!]").doesNotContainPattern("&[a-z]+;|&#\\d+;")
                .doesNotContain("\n\n\n").doesNotContainPattern("[ \t]{2,}").doesNotContain("\r")
                .startsWith("Dear Fiona,\n\n").contains("Reason: Storm\n").endsWith("\n")
                .doesNotStartWith(" ");
        assertThat(mail.text().split("\n\n")).as("paragraphs").hasSizeGreaterThanOrEqualTo(4);
        // and the HTML names its language and its title, for the reader to announce
        assertThat(mail.html()).containsPattern("<html[^>]* lang=\"en\"").containsPattern("<title>[^<]*Digital triage[^<]*</title>");
    }
}

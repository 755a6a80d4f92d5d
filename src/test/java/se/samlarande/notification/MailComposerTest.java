package se.samlarande.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.samlarande.support.SamlarandeTest;

/** Emails in the reader's language, with a real plain-text part and HTML that escapes what people typed. */
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
}

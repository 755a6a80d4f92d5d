package se.samlarande.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import se.samlarande.notification.GuestLinkIssuer.Purpose;

/** Staff read a note where a guest's personal link goes; only the message handed to the mail server has the link. */
class OutboxGuestLinksTest {

    private static final GuestLinkSlot INTAKE = new GuestLinkSlot(Purpose.INTAKE, 42);
    private static final GuestLinkSlot BLOG = new GuestLinkSlot(Purpose.BLOG, 42);

    @Test
    void slotsAreReadAsANote() {
        String text = "Fyll i underlaget: " + INTAKE.placeholder() + "\nBesökets blogg: " + BLOG.placeholder()
                + "\nLäs mer: https://www.region.se/samlarande";

        String shown = OutboxController.forStaff(text);

        assertThat(shown).doesNotContain("{{", "}}").contains("Fyll i underlaget: [personlig länk]\n")
                .contains("Besökets blogg: [personlig länk]").contains("https://www.region.se/samlarande");
    }

    @Test
    void aLinkLeftInAnOlderEmailIsReadAsANoteToo() {
        String text = "Fyll i underlaget: https://samlarande.region.se/g/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE\n"
                + "Läs mer: https://www.region.se/samlarande";

        assertThat(OutboxController.forStaff(text)).doesNotContain("/g/").contains("[personlig länk]")
                .contains("https://www.region.se/samlarande");
    }

    @Test
    void slotsAreFoundOnceEachAndFilledWithTheirLinks() {
        String html = "<a href=\"" + INTAKE.placeholder() + "\">Skriv</a> <a href=\"" + BLOG.placeholder() + "\">Blogg</a> "
                + INTAKE.placeholder();

        assertThat(GuestLinkSlot.in(html)).containsExactly(INTAKE, BLOG);
        assertThat(GuestLinkSlot.fill(html, Map.of(INTAKE, "https://x.se/g/one", BLOG, "https://x.se/g/$two")))
                .isEqualTo("<a href=\"https://x.se/g/one\">Skriv</a> <a href=\"https://x.se/g/$two\">Blogg</a> "
                        + "https://x.se/g/one");
        assertThatThrownBy(() -> GuestLinkSlot.fill(html, Map.of(INTAKE, "https://x.se/g/one")))
                .hasMessageContaining("{{guest-link:BLOG:42}}");
        assertThat(GuestLinkSlot.in("{{guest-link:OTHER:1}} {{guest-link:INTAKE:x}}")).isEmpty();
    }
}

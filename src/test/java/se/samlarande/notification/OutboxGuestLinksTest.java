package se.samlarande.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Outside the embedded default the outbox never shows a guest's personal link, in its text or as a link. */
class OutboxGuestLinksTest {

    @Test
    void personalLinksAreHiddenFromTheEmailsText() {
        String text = "Fyll i underlaget: https://samlarande.region.se/g/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE\n"
                + "Besökets blogg: https://samlarande.region.se/g/ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210_-ZyXwV\n"
                + "Läs mer: https://www.region.se/samlarande";

        String shown = OutboxController.withoutGuestLinks(text);

        assertThat(shown).doesNotContain("/g/").contains("[personlig länk, dold]")
                .contains("https://www.region.se/samlarande");
    }
}

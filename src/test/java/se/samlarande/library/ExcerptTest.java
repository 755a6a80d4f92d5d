package se.samlarande.library;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {

    @Test
    void aTitleIsTheFirstSentenceOrLineWithoutItsFullStop() {
        assertThat(Excerpt.title("Vi har infört digital triage. Sjuksköterskan bedömer först.", "Ämne"))
                .isEqualTo("Vi har infört digital triage");
        assertThat(Excerpt.title("Fallprevention i hemmet\nEn checklista vid första besöket.", "Ämne"))
                .isEqualTo("Fallprevention i hemmet");
        assertThat(Excerpt.title("Varför väntar patienterna? Vi mätte flödet.", "Ämne")).isEqualTo("Varför väntar patienterna?");
        assertThat(Excerpt.title("  ", "Ämnet")).isEqualTo("Ämnet");
    }

    @Test
    void longTextIsCutBetweenWords() {
        String text = "ord ".repeat(100).strip();
        assertThat(Excerpt.title(text, "x")).hasSizeLessThanOrEqualTo(Excerpt.TITLE).endsWith("ord…");
        assertThat(Excerpt.summary(text)).hasSizeLessThanOrEqualTo(Excerpt.SUMMARY).endsWith("ord…");
        assertThat(Excerpt.summary("Kort\n\ntext")).isEqualTo("Kort text");
    }
}

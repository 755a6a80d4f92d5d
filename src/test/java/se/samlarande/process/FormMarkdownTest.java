package se.samlarande.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The escaping for Tasklist's Markdown text views (rendered for real in {@code guest.UntrustedTextBrowserTest}). */
class FormMarkdownTest {

    @Test
    void everyPunctuationMarkIsEscapedAndTheValueIsolated() {
        assertThat(FormMarkdown.text("[a](https://x.example) <b>\n  # h"))
                .isEqualTo("\u2068\\[a\\]\\(https\\:\\/\\/x\\.example\\) \\<b\\>\n\u00A0\u00A0\\# h\u2069");
        assertThat(FormMarkdown.text(null)).isEmpty();
    }

    @Test
    void anOverviewTooLongForTheEnginesColumnIsCutWithANote() {
        String paragraphs = ("word ".repeat(150) + "\n\n").repeat(10);
        String oneLongParagraph = FormMarkdown.text("ord ".repeat(1500));

        String cutAtParagraph = FormMarkdown.bounded(paragraphs, "_more elsewhere_");
        String cutAtSpace = FormMarkdown.bounded(oneLongParagraph, "_more elsewhere_");

        assertThat(cutAtParagraph).hasSizeLessThanOrEqualTo(FormMarkdown.MAX_VARIABLE).endsWith("word \n\n_more elsewhere_\n");
        assertThat(cutAtSpace).hasSizeLessThanOrEqualTo(FormMarkdown.MAX_VARIABLE).hasSizeGreaterThan(3000)
                .endsWith("ord\u2026\u2069\n\n_more elsewhere_\n");
        assertThat(FormMarkdown.bounded("short", "_note_")).isEqualTo("short");
    }
}

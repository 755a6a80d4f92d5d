package se.samlarande.blog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.web.util.HtmlUtils;

/**
 * What people type becomes safe HTML. Staff write plain text where blank lines separate paragraphs and line breaks
 * stay, plus a small subset of formatting typed as tags (b/strong, i/em, ul/ol/li, blockquote, links to http, https
 * and mailto). Guests write plain text only ({@link #plainToHtml}): whatever they type is shown as typed, so no link,
 * image or formatting on a visit's blog ever comes from outside the region.
 * Everything else is removed by the OWASP Java HTML Sanitizer, never by hand: no script, style, noscript, event
 * attributes or other URL schemes survive. Links get {@code rel="nofollow noopener noreferrer"}.
 */
final class BlogText {

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "blockquote", "a")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href").onElements("a")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .toFactory();

    /** A line that opens or closes a block of its own: no line break or paragraph added around it. */
    private static final Pattern BLOCK_START = Pattern.compile("(?is)^\\s*</?(ul|ol|li|blockquote|p)\\b.*");
    private static final Pattern BLOCK_END = Pattern.compile("(?is).*</(ul|ol|li|blockquote|p)>\\s*$|.*<(ul|ol|blockquote)>\\s*$");

    private BlogText() {
    }

    /** The sanitised HTML of a text as typed; blank for a text with nothing left to show. */
    static String toHtml(String typed) {
        if (typed == null) {
            return "";
        }
        String text = typed.replace("\r\n", "\n").replace('\r', '\n').strip();
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            if (paragraph.isBlank()) {
                continue;
            }
            String withBreaks = lineBreaks(paragraph.strip());
            boolean block = BLOCK_START.matcher(withBreaks).matches();
            html.append(block ? withBreaks : "<p>" + withBreaks + "</p>").append('\n');
        }
        // The policy balances tags but may leave structure a browser reads differently (a <p> typed inside a
        // paragraph stays nested); sanitising its own output settles that. Stored is what a browser reads back.
        String sanitised = POLICY.sanitize(html.toString()).strip();
        for (int round = 0; round < 5; round++) {
            String again = POLICY.sanitize(sanitised).strip();
            if (again.equals(sanitised)) {
                break;
            }
            sanitised = again;
        }
        return sanitised;
    }

    /**
     * A guest's text as HTML: every character as text (escaped), blank lines separating paragraphs and line breaks
     * kept, nothing typed taken as a tag. Through the same policy, so the stored form is what a browser reads back.
     */
    static String plainToHtml(String typed) {
        if (typed == null) {
            return "";
        }
        String text = typed.replace("\r\n", "\n").replace('\r', '\n').strip();
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            if (!paragraph.isBlank()) {
                html.append("<p>").append(String.join("<br>\n", HtmlUtils.htmlEscape(paragraph.strip()).split("\\n")))
                        .append("</p>\n");
            }
        }
        return POLICY.sanitize(html.toString()).strip();
    }

    /** HTML through the same policy: what {@link #toHtml} gives comes back unchanged (the policy's output is stable). */
    static String sanitise(String html) {
        return POLICY.sanitize(html);
    }

    /** Whether sanitised HTML shows any text at all (a post of only {@code <script>} shows nothing). */
    static boolean isBlank(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&#32;", " ").isBlank();
    }

    private static String lineBreaks(String paragraph) {
        String[] lines = paragraph.split("\\n");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean last = i == lines.length - 1;
            boolean blockHere = BLOCK_END.matcher(line).matches()
                    || (!last && BLOCK_START.matcher(lines[i + 1]).matches());
            out.add(last || blockHere ? line : line + "<br>");
        }
        return String.join("\n", out);
    }
}

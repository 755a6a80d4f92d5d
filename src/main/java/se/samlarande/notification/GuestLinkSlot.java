package se.samlarande.notification;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a guest's personal link goes in a stored email: {@code {{guest-link:INTAKE:<participantId>}}}. The outbox
 * stores emails with these slots and fills them with fresh links only when it hands a message to the mail server,
 * so no table holds a link that opens a guest's page.
 */
public record GuestLinkSlot(GuestLinkIssuer.Purpose purpose, long participantId) {

    private static final Pattern SLOT = Pattern.compile("\\{\\{guest-link:(INTAKE|EVALUATION|BLOG):(\\d{1,18})}}");

    /** What staff read in place of a slot (or of a link removed from an older email). */
    public static final String NOTE = "[personlig länk]";

    /** The text that marks this slot in a stored email. */
    public String placeholder() {
        return "{{guest-link:" + purpose.name() + ":" + participantId + "}}";
    }

    /** The slots in a text, each once, in order. */
    public static Set<GuestLinkSlot> in(String text) {
        Set<GuestLinkSlot> slots = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = SLOT.matcher(text);
            while (m.find()) {
                slots.add(new GuestLinkSlot(GuestLinkIssuer.Purpose.valueOf(m.group(1)), Long.parseLong(m.group(2))));
            }
        }
        return slots;
    }

    /** The text with every slot replaced by its link; a slot without one in {@code links} is an error. */
    public static String fill(String text, Map<GuestLinkSlot, String> links) {
        if (text == null) {
            return null;
        }
        return SLOT.matcher(text).replaceAll(m -> {
            String link = links.get(new GuestLinkSlot(GuestLinkIssuer.Purpose.valueOf(m.group(1)),
                    Long.parseLong(m.group(2))));
            if (link == null) {
                throw new IllegalArgumentException("No link for " + m.group());
            }
            return Matcher.quoteReplacement(link);
        });
    }

    /** The text as staff read it: every slot a {@link #NOTE}. */
    public static String forStaff(String text) {
        return text == null ? null : SLOT.matcher(text).replaceAll(Matcher.quoteReplacement(NOTE));
    }
}

package se.samlarande.library;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;

/**
 * One good example. Visible (in search, lists and packages) only while it has the consent of whoever shared it, is
 * published and has not been erased; otherwise a draft that only its data lives in.
 *
 * @param organisation the organisation credited (the visit's guest organisation)
 * @param hostUnit     the region's unit that hosted the visit
 */
public record LibraryEntry(long id, long visitId, String visitReference, String hostUnit, String visitTopic,
        LibrarySource source, String title, String summary, String content, String details, String context,
        String organisation, PartnerLevel level, Language language, List<Theme> themes, List<Sharer> sharers,
        String consentBy, Instant consentAt, boolean published, Instant publishedAt, FollowUp followUp,
        Instant createdAt, Instant updatedAt, boolean erased) {

    public boolean consented() {
        return consentAt != null;
    }

    /** Shown in search, lists and packages. */
    public boolean visible() {
        return consented() && published && !erased;
    }

    /** The summary, when it says more than the beginning of the content (a coordinator wrote it); else null. */
    public String distinctSummary() {
        if (summary == null || summary.isBlank()) {
            return null;
        }
        String start = summary.replace("…", "").replaceAll("\\s+", " ").strip();
        return content != null && content.replaceAll("\\s+", " ").strip().startsWith(start) ? null : summary;
    }

    /** The people who agreed to be named, by name. */
    public List<String> namedSharers() {
        return sharers.stream().filter(Sharer::named).map(Sharer::name).toList();
    }

    /** Everything searchable in one text: the shared work, what goes with it and the practice follow-up. */
    String searchableText() {
        return Stream.of(summary, content, details, context, followUp == null ? null : followUp.introduced(),
                followUp == null ? null : followUp.effect())
                .filter(t -> t != null && !t.isBlank()).collect(Collectors.joining("\n\n"));
    }
}

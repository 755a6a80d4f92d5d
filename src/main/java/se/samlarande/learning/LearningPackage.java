package se.samlarande.learning;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import se.samlarande.library.LibraryEntry;
import se.samlarande.library.Theme;
import se.samlarande.visit.Language;

/** A learning package around a theme, with its modules in order; a draft until a coordinator publishes it. */
public record LearningPackage(long id, String slug, String title, Theme theme, String introduction, Language language,
        boolean published, Instant publishedAt, String createdBy, Instant createdAt, Instant updatedAt,
        List<Module> modules) {

    /** Every entry the package quotes, once, in the order they first appear: its sources, for the credits. */
    public Collection<LibraryEntry> sources() {
        Map<Long, LibraryEntry> sources = new LinkedHashMap<>();
        modules.forEach(m -> m.entries().forEach(e -> sources.putIfAbsent(e.id(), e)));
        return sources.values();
    }
}

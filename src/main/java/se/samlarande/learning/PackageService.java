package se.samlarande.learning;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.samlarande.audit.AuditLog;
import se.samlarande.library.LibraryEntry;
import se.samlarande.library.LibraryInputException;
import se.samlarande.library.LibraryService;
import se.samlarande.library.Theme;
import se.samlarande.visit.Language;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitNotFoundException;
import se.samlarande.visit.VisitService;

/**
 * Learning packages: created, assembled and published by coordinators and admins; read by staff while drafts and by
 * anyone once published. A module quotes only entries that are visible in the library: adding another is refused, and
 * an entry that loses its consent or is unpublished later is left out wherever the package is read.
 */
@Service
public class PackageService {

    static final int MAX_TITLE = 200;
    static final int MAX_GOAL = 2000;
    static final int MAX_TEXT = 4000;
    static final int MAX_QUESTIONS = 20;

    private final PackageRepository repository;
    private final LibraryService library;
    private final VisitService visits;
    private final AuditLog audit;
    private final Clock clock;

    PackageService(PackageRepository repository, LibraryService library, VisitService visits, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.library = library;
        this.visits = visits;
        this.audit = audit;
        this.clock = clock;
    }

    /** A package not found, or (for the public) not published. */
    public static class NotFound extends RuntimeException {
        NotFound(String what) {
            super("Learning package " + what + " not found");
        }
    }

    // ---- reading ----

    public List<LearningPackage> all() {
        Map<Long, Theme> themes = themes();
        return repository.findAll().stream().map(row -> assemble(row, themes)).toList();
    }

    public LearningPackage get(long id) {
        return repository.find(id).map(row -> assemble(row, themes())).orElseThrow(() -> new NotFound("#" + id));
    }

    /** A published package by its address; drafts are not found. */
    public Optional<LearningPackage> published(String slug) {
        return repository.findPublished(slug).map(row -> assemble(row, themes()));
    }

    // ---- assembling (coordinators and admins) ----

    @Transactional
    public long create(String title, Long themeId, Language language, String by) {
        String cleanTitle = required(title, "title", MAX_TITLE);
        long theme = theme(themeId);
        String slug = uniqueSlug(cleanTitle);
        long id = repository.insert(slug, cleanTitle, theme, (language == null ? Language.SV : language).name(), by,
                clock.instant());
        audit.record(null, by, "PACKAGE_CREATED", "#" + id + " " + cleanTitle);
        return id;
    }

    @Transactional
    public void update(long id, String title, Long themeId, String introduction, Language language, String by) {
        get(id);
        repository.update(id, required(title, "title", MAX_TITLE), theme(themeId), optional(introduction, "introduction", MAX_TEXT),
                (language == null ? Language.SV : language).name(), clock.instant());
    }

    @Transactional
    public long addModule(long packageId, String title, String goal, String workshop, String evaluation) {
        get(packageId);
        long id = repository.insertModule(packageId, required(title, "moduleTitle", MAX_TITLE),
                required(goal, "goal", MAX_GOAL), questions(workshop, "workshop"), questions(evaluation, "evaluation"));
        repository.touch(packageId, clock.instant());
        return id;
    }

    @Transactional
    public void updateModule(long packageId, long moduleId, String title, String goal, String workshop, String evaluation) {
        module(packageId, moduleId);
        repository.updateModule(moduleId, required(title, "moduleTitle", MAX_TITLE), required(goal, "goal", MAX_GOAL),
                questions(workshop, "workshop"), questions(evaluation, "evaluation"));
        repository.touch(packageId, clock.instant());
    }

    @Transactional
    public void deleteModule(long packageId, long moduleId) {
        module(packageId, moduleId);
        repository.deleteModule(moduleId);
        repository.touch(packageId, clock.instant());
    }

    /** Quotes a library entry in the module: only one that is visible (consent given, published). */
    @Transactional
    public void addEntry(long packageId, long moduleId, long entryId) {
        module(packageId, moduleId);
        if (library.visibleEntries(List.of(entryId)).isEmpty()) {
            throw new LibraryInputException("entryId", "packages.error.entry.notVisible");
        }
        repository.addEntry(moduleId, entryId);
        repository.touch(packageId, clock.instant());
    }

    /** Quotes every visible entry of a visit in the module; answers how many were added. */
    @Transactional
    public int addVisit(long packageId, long moduleId, String reference) {
        module(packageId, moduleId);
        Visit visit;
        try {
            visit = visits.getByReference(reference == null ? "" : reference.strip().toUpperCase(Locale.ROOT));
        } catch (VisitNotFoundException e) {
            throw new LibraryInputException("reference", "packages.error.visit.unknown");
        }
        List<LibraryEntry> entries = library.visibleEntriesOfVisit(visit.id());
        if (entries.isEmpty()) {
            throw new LibraryInputException("reference", "packages.error.visit.noEntries");
        }
        int added = (int) entries.stream().filter(e -> repository.addEntry(moduleId, e.id())).count();
        repository.touch(packageId, clock.instant());
        return added;
    }

    @Transactional
    public void removeEntry(long packageId, long moduleId, long entryId) {
        module(packageId, moduleId);
        repository.removeEntry(moduleId, entryId);
        repository.touch(packageId, clock.instant());
    }

    /** Published: readable by anyone at {@code /packages/<slug>} and as a PDF. A package needs a module first. */
    @Transactional
    public void publish(long id, String by) {
        LearningPackage found = get(id);
        if (found.modules().isEmpty()) {
            throw new LibraryInputException("published", "packages.error.publish.noModules");
        }
        repository.setPublished(id, true, by, clock.instant());
        audit.record(null, by, "PACKAGE_PUBLISHED", "#" + id + " " + found.title() + " /packages/" + found.slug());
    }

    @Transactional
    public void unpublish(long id, String by) {
        LearningPackage found = get(id);
        repository.setPublished(id, false, by, clock.instant());
        audit.record(null, by, "PACKAGE_UNPUBLISHED", "#" + id + " " + found.title());
    }

    // ---- helpers ----

    private LearningPackage assemble(PackageRepository.PackageRow row, Map<Long, Theme> themes) {
        List<PackageRepository.ModuleRow> rows = repository.modules(row.id());
        List<Long> allIds = rows.stream().flatMap(m -> m.entryIds().stream()).distinct().toList();
        Map<Long, LibraryEntry> visible = library.visibleEntries(allIds).stream()
                .collect(Collectors.toMap(LibraryEntry::id, Function.identity()));
        List<Module> modules = rows.stream().map(m -> {
            List<LibraryEntry> entries = m.entryIds().stream().map(visible::get).filter(e -> e != null).toList();
            return new Module(m.id(), m.position(), m.title(), m.goal(), lines(m.workshopQuestions()),
                    lines(m.evaluationQuestions()), entries, m.entryIds().size() - entries.size());
        }).toList();
        return new LearningPackage(row.id(), row.slug(), row.title(), row.themeId() == null ? null : themes.get(row.themeId()),
                row.introduction(), Language.parse(row.language()), row.published(), row.publishedAt(), row.createdBy(),
                row.createdAt(), row.updatedAt(), modules);
    }

    private Module module(long packageId, long moduleId) {
        return get(packageId).modules().stream().filter(m -> m.id() == moduleId).findFirst()
                .orElseThrow(() -> new NotFound("#" + packageId + " module " + moduleId));
    }

    private Map<Long, Theme> themes() {
        return library.themes().stream().collect(Collectors.toMap(Theme::id, Function.identity()));
    }

    private long theme(Long themeId) {
        if (themeId == null || !themes().containsKey(themeId)) {
            throw new LibraryInputException("theme", "packages.error.theme.required");
        }
        return themeId;
    }

    /** An address from the title: lower case, a–z, 0–9 and hyphens (å ä ö as a a o), unique. */
    String uniqueSlug(String title) {
        String base = Normalizer.normalize(title.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.length() > 60) {
            base = base.substring(0, 60).replaceAll("-+$", "");
        }
        if (base.isEmpty()) {
            base = "larpaket";
        }
        String slug = base;
        for (int n = 2; repository.slugTaken(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    private static String required(String value, String field, int max) {
        String clean = optional(value, field, max);
        if (clean == null) {
            throw new LibraryInputException(field, "packages.error.required");
        }
        return clean;
    }

    private static String optional(String value, String field, int max) {
        String clean = value == null || value.isBlank() ? null : value.strip();
        if (clean != null && clean.length() > max) {
            throw new LibraryInputException(field, "library.error.tooLong", max);
        }
        return clean;
    }

    /** Questions, one a line: blank lines dropped, at most {@link #MAX_QUESTIONS}. */
    private static String questions(String value, String field) {
        String clean = optional(value, field, MAX_TEXT);
        if (clean == null) {
            return null;
        }
        List<String> lines = lines(clean);
        if (lines.size() > MAX_QUESTIONS) {
            throw new LibraryInputException(field, "packages.error.questions.tooMany", MAX_QUESTIONS);
        }
        return String.join("\n", lines);
    }

    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        Arrays.stream(text.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).forEach(seen::add);
        return List.copyOf(seen);
    }
}

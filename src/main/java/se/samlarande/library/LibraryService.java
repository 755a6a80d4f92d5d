package se.samlarande.library;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import se.samlarande.audit.AuditEvent;
import se.samlarande.audit.AuditLog;
import se.samlarande.evaluation.AnswerService;
import se.samlarande.evaluation.Intake;
import se.samlarande.evaluation.Summary;
import se.samlarande.notification.StaffDirectory;
import se.samlarande.visit.HostingReport;
import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;
import se.samlarande.visit.Participant;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitService;

/**
 * The library of good examples. Entries come from the answers given through the visit's process (see
 * {@link LibraryEvents}); coordinators curate them; staff search them. Whatever shows an entry (search, lists,
 * packages) shows only visible ones: with consent, published, not erased. Every change raises the library's revision
 * in its transaction and reaches this node's search index after the commit ({@link LibraryIndex}).
 */
@Service
public class LibraryService {

    static final int MAX_TITLE = 200;
    static final int MAX_SUMMARY = 2000;
    static final int MAX_THEME = 100;
    static final int MAX_RESULTS = 100;

    private final LibraryRepository repository;
    private final LibraryIndex index;
    private final LibraryContacts contacts;
    private final VisitService visits;
    private final AnswerService answers;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Clock clock;

    LibraryService(LibraryRepository repository, LibraryIndex index, LibraryContacts contacts, VisitService visits,
            AnswerService answers, StaffDirectory staff, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.index = index;
        this.contacts = contacts;
        this.visits = visits;
        this.answers = answers;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- entries from the process's answers ----

    /** A guest's intake: its improvement work, with the goals and purpose of the visit as context. */
    @Transactional
    public void fromIntake(Visit visit, Participant guest, Intake intake, Instant consentAt) {
        if (blank(intake.improvementWork())) {
            return;
        }
        long participantId = guest.id();
        upsert(new SourceAnswer(visit.id(), LibrarySource.INTAKE, LibrarySource.INTAKE.key(participantId), participantId,
                Excerpt.title(intake.improvementWork(), visit.topic()), Excerpt.summary(intake.improvementWork()),
                intake.improvementWork(), null, intake.goalsAndPurpose(), visit.guestOrganisation(), visit.partnerLevel(),
                guest.language(), consentAt == null ? null : AuditEvent.guest(participantId), consentAt, participantId,
                null, guest.name()));
    }

    /** The host's report: what was shared and the notes, with the visit's programme; credited to the host unit. */
    @Transactional
    public void fromHosting(long visitId, String consentBy, Instant consentAt) {
        Optional<HostingReport> found = visits.hostingReport(visitId);
        if (found.isEmpty() || (blank(found.get().sharedWork()) && blank(found.get().notes()))) {
            return; // nothing shared
        }
        HostingReport report = found.get();
        Visit visit = visits.get(visitId);
        String content = blank(report.sharedWork()) ? report.notes() : report.sharedWork();
        String details = blank(report.sharedWork()) ? null : report.notes();
        upsert(new SourceAnswer(visitId, LibrarySource.HOSTING, LibrarySource.HOSTING.key(visitId), null,
                Excerpt.title(content, visit.topic()), Excerpt.summary(content), content, details, visit.programme(),
                visit.hostUnit(), visit.partnerLevel(), Language.SV, consentAt == null ? null : consentBy, consentAt, null,
                report.reportedBy(), staffName(report.reportedBy())));
    }

    /** The summary meeting's answers: what was learned, and what will be introduced in practice. */
    @Transactional
    public void fromSummary(long visitId, String consentBy, Instant consentAt) {
        Optional<Summary> found = answers.summary(visitId);
        if (found.isEmpty() || blank(found.get().learned())) {
            return;
        }
        Summary summary = found.get();
        Visit visit = visits.get(visitId);
        upsert(new SourceAnswer(visitId, LibrarySource.SUMMARY, LibrarySource.SUMMARY.key(visitId), null,
                Excerpt.title(summary.learned(), visit.topic()), Excerpt.summary(summary.learned()), summary.learned(),
                summary.introduceInPractice(), null, visit.guestOrganisation(), visit.partnerLevel(), Language.SV,
                consentAt == null ? null : consentBy, consentAt, null, summary.recordedBy(),
                staffName(summary.recordedBy())));
    }

    /**
     * The host's answer to whether the visit's planned practice was introduced, and with what effect: added to every
     * entry of the visit (shown on the entry, searchable), and to entries the visit gets later.
     */
    @Transactional
    public void recordPracticeFollowUp(long visitId, String introduced, String effect, Instant answeredAt) {
        List<Long> changed = repository.recordFollowUp(visitId, new FollowUp(strip(introduced), strip(effect),
                answeredAt == null ? clock.instant() : answeredAt), clock.instant());
        if (!changed.isEmpty()) {
            changed(changed);
        }
    }

    private void upsert(SourceAnswer answer) {
        Instant now = clock.instant();
        Optional<LibraryRepository.Stored> stored = repository.findBySourceKey(answer.sourceKey());
        long id;
        if (stored.isEmpty()) {
            id = repository.insert(answer, now);
        } else {
            LibraryRepository.Stored entry = stored.get();
            if (entry.erased()) {
                return; // erased on request: never filled again
            }
            id = entry.id();
            repository.updateFromSource(id, answer, entry.curated(), now);
            if (answer.consentAt() != null && entry.consentAt() == null) {
                repository.consentGiven(id, answer.consentBy(), answer.consentAt(), now);
            } else if (answer.consentAt() == null && entry.consentAt() != null) {
                repository.consentWithdrawn(id, now);
            }
        }
        boolean sharer = answer.sharerParticipantId() != null || answer.sharerUserId() != null;
        if (sharer && stored.isEmpty()) { // a new entry has no sharers yet
            repository.addSharer(id, answer.sharerParticipantId(), answer.sharerUserId(), answer.sharerName());
        } else if (sharer) {
            repository.ensureSharer(id, answer.sharerParticipantId(), answer.sharerUserId(), answer.sharerName());
        }
        // A draft before and after (no consent either time) is in no index: the revision, one row that every
        // change locks until its commit, is raised only for a change that can alter what a search finds.
        boolean draftBefore = stored.isEmpty() || stored.get().consentAt() == null;
        if (!draftBefore || answer.consentAt() != null) {
            changed(List.of(id));
        }
    }

    // ---- reading ----

    /** An entry in any state: pages decide who sees a draft. */
    public Optional<LibraryEntry> entry(long id) {
        return repository.find(id);
    }

    /** The visible entries among these, in the order given; the others are left out. */
    public List<LibraryEntry> visibleEntries(Collection<Long> ids) {
        Map<Long, LibraryEntry> byId = repository.findVisible(new LinkedHashSet<>(ids)).stream()
                .collect(Collectors.toMap(LibraryEntry::id, Function.identity()));
        return ids.stream().distinct().map(byId::get).filter(Objects::nonNull).toList();
    }

    public List<LibraryEntry> visibleEntriesOfVisit(long visitId) {
        return repository.findVisibleOfVisit(visitId);
    }

    public List<LibraryEntry> allVisible() {
        return repository.findAllVisible();
    }

    /** Entries with consent that a coordinator unpublished: for coordinators, to publish again. */
    public List<LibraryEntry> unpublishedWithConsent() {
        return repository.findUnpublishedWithConsent();
    }

    /** A search result: the entry, where the query matched its text, and whom to contact about it. */
    public record Hit(LibraryEntry entry, List<List<Snippet.Part>> passages, List<LibraryContacts.Contact> contacts) {
    }

    /**
     * Visible entries for a text (relevance first; Swedish and English word forms), or all of them newest first
     * without a text; narrowed to a theme and a partner level when given.
     */
    public List<Hit> search(String text, Long themeId, PartnerLevel level) {
        List<LibraryIndex.Found> found = index.search(text, themeId, level == null ? null : level.name(), MAX_RESULTS);
        // read again from the database: only what is visible now is shown, even if the index is a moment behind
        List<LibraryEntry> entries = visibleEntries(found.stream().map(LibraryIndex.Found::entryId).toList());
        return entries.stream().map(e -> new Hit(e, index.highlight(text, e.searchableText()), contactsFor(e))).toList();
    }

    /** Whom in the network to ask about an entry. */
    public List<LibraryContacts.Contact> contactsFor(LibraryEntry entry) {
        return contacts.forEntry(entry);
    }

    public List<Theme> themes() {
        return repository.themes();
    }

    // ---- curation (coordinators and admins) ----

    /** A coordinator's title, summary, language and themes; later corrections of the source keep them. */
    @Transactional
    public void curate(long id, String title, String summary, Language language, Collection<Long> themeIds, String by) {
        LibraryEntry entry = curatable(id);
        String cleanTitle = strip(title);
        if (cleanTitle == null) {
            throw new LibraryInputException("title", "library.error.title.required");
        }
        if (cleanTitle.length() > MAX_TITLE) {
            throw new LibraryInputException("title", "library.error.tooLong", MAX_TITLE);
        }
        String cleanSummary = strip(summary);
        if (cleanSummary != null && cleanSummary.length() > MAX_SUMMARY) {
            throw new LibraryInputException("summary", "library.error.tooLong", MAX_SUMMARY);
        }
        List<Long> known = themes().stream().map(Theme::id).toList();
        List<Long> chosen = new ArrayList<>(new LinkedHashSet<>(themeIds));
        if (!known.containsAll(chosen)) {
            throw new LibraryInputException("themes", "library.error.theme.unknown");
        }
        Instant now = clock.instant();
        repository.curate(id, cleanTitle, cleanSummary, language == null ? entry.language() : language, by, now);
        repository.setThemes(id, chosen);
        audit.record(entry.visitId(), by, "LIBRARY_ENTRY_EDITED", "#" + id + " " + cleanTitle);
        changed(List.of(id));
    }

    /** Publishing needs the consent of whoever shared the entry. */
    @Transactional
    public void publish(long id, String by) {
        LibraryEntry entry = curatable(id);
        if (!entry.consented() || !repository.publish(id, by, clock.instant())) {
            throw new LibraryInputException("published", "library.error.publish.noConsent");
        }
        audit.record(entry.visitId(), by, "LIBRARY_ENTRY_PUBLISHED", "#" + id + " " + entry.title());
        changed(List.of(id));
    }

    @Transactional
    public void unpublish(long id, String by) {
        LibraryEntry entry = curatable(id);
        repository.unpublish(id, clock.instant());
        audit.record(entry.visitId(), by, "LIBRARY_ENTRY_UNPUBLISHED", "#" + id + " " + entry.title());
        changed(List.of(id));
    }

    /**
     * Records that a person who shared the entry agreed to be named in its credits (or no longer does): who recorded
     * it and when. Until then the organisation is credited.
     */
    @Transactional
    public void setSharerNamed(long id, long sharerId, boolean named, String by) {
        LibraryEntry entry = curatable(id);
        Sharer sharer = entry.sharers().stream().filter(s -> s.id() == sharerId).findFirst()
                .orElseThrow(() -> new LibraryInputException("sharer", "library.error.sharer.unknown"));
        repository.setNamed(id, sharer.id(), named, by, clock.instant());
        audit.record(entry.visitId(), by, named ? "LIBRARY_SHARER_NAMED" : "LIBRARY_SHARER_UNNAMED", "#" + id);
        changed(List.of(id));
    }

    @Transactional
    public void addTheme(String name, String nameEn, String by) {
        String clean = strip(name);
        if (clean == null) {
            throw new LibraryInputException("name", "library.error.theme.required");
        }
        String cleanEn = strip(nameEn);
        if (clean.length() > MAX_THEME || (cleanEn != null && cleanEn.length() > MAX_THEME)) {
            throw new LibraryInputException("name", "library.error.tooLong", MAX_THEME);
        }
        if (repository.themeExists(clean)) {
            throw new LibraryInputException("name", "library.error.theme.exists");
        }
        repository.insertTheme(clean, cleanEn, by, clock.instant());
    }

    /** An entry a coordinator may curate: one with consent. A draft without it is not shown to anyone. */
    private LibraryEntry curatable(long id) {
        return entry(id).filter(e -> e.consented() && !e.erased())
                .orElseThrow(() -> new LibraryEntryNotFoundException(id));
    }

    // ---- helpers ----

    /**
     * Raises the revision; after the commit this node's index takes the change (or rebuilds at the next search).
     * Inside a transaction the revision is raised just before it commits, not when the change is made: the revision is
     * one row, and its lock, held from the update to the commit, would otherwise make every answer that touches the
     * library (a guest's intake and its correlation, a host's report) wait for the others' whole transactions.
     */
    private void changed(Collection<Long> entryIds) {
        List<Long> ids = List.copyOf(entryIds);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                private long revision;

                @Override
                public void beforeCommit(boolean readOnly) {
                    revision = repository.bumpRevision();
                }

                @Override
                public void afterCommit() {
                    index.applied(revision, ids);
                }
            });
        } else {
            index.applied(repository.bumpRevision(), ids);
        }
    }

    private String staffName(String userId) {
        if (userId == null) {
            return null;
        }
        return staff.find(userId).map(StaffDirectory.StaffMember::name).filter(n -> !blank(n)).orElse(userId);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String strip(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

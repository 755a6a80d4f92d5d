package se.samlarande.library;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import se.samlarande.visit.Language;
import se.samlarande.visit.PartnerLevel;

/**
 * {@code sl_library_entry}, its themes and sharers, {@code sl_library_theme} and the library's revision
 * ({@code sl_library_revision}), which every change raises in its own transaction.
 */
@Repository
class LibraryRepository {

    /** The entries search, lists and packages may show. */
    static final String VISIBLE = "e.consent_at IS NOT NULL AND e.published = TRUE AND e.erased_at IS NULL";

    private static final String SELECT = """
            SELECT e.id, e.visit_id, v.reference, v.host_unit, v.topic, e.source, e.title, e.summary, e.content,
                   e.details, e.context, e.organisation, e.partner_level, e.language, e.consent_by, e.consent_at,
                   e.published, e.published_at, e.follow_up_introduced, e.follow_up_effect, e.follow_up_at,
                   e.created_at, e.updated_at, e.erased_at
            FROM sl_library_entry e JOIN sl_visit v ON v.id = e.visit_id
            """;

    private final JdbcClient jdbc;

    LibraryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- the revision ----

    /** Raises the library's revision and answers the new one; the row stays locked until the transaction ends. */
    long bumpRevision() {
        jdbc.sql("UPDATE sl_library_revision SET revision = revision + 1 WHERE id = 1").update();
        return revision();
    }

    long revision() {
        return jdbc.sql("SELECT revision FROM sl_library_revision WHERE id = 1").query(Long.class).single();
    }

    // ---- entries from their sources ----

    /** What is stored about an entry's source, to decide how an answer changes it. */
    record Stored(long id, Instant consentAt, boolean curated, boolean erased) {
    }

    Optional<Stored> findBySourceKey(String sourceKey) {
        return jdbc.sql("SELECT id, consent_at, curated_at, erased_at FROM sl_library_entry WHERE source_key = ?")
                .param(sourceKey)
                .query((rs, n) -> new Stored(rs.getLong("id"), instant(rs, "consent_at"), rs.getTimestamp("curated_at") != null,
                        rs.getTimestamp("erased_at") != null))
                .optional();
    }

    long insert(SourceAnswer a, Instant now) {
        FollowUp followUp = followUpOfVisit(a.visitId()).orElse(null);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sl_library_entry (visit_id, source, source_key, source_participant_id, title, summary, content,
                       details, context, organisation, partner_level, language, consent_by, consent_at, published,
                       published_by, published_at, follow_up_introduced, follow_up_effect, follow_up_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.visitId(), a.source().name(), a.sourceKey(), a.participantId(), a.title(), a.summary(),
                        a.content(), a.details(), a.context(), a.organisation(), a.level().name(), a.language().name(),
                        a.consentBy(), ts(a.consentAt()), a.consentAt() != null,
                        a.consentAt() == null ? null : a.consentBy(), a.consentAt() == null ? null : ts(now),
                        followUp == null ? null : followUp.introduced(), followUp == null ? null : followUp.effect(),
                        followUp == null ? null : ts(followUp.answeredAt()), ts(now), ts(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The source's text again (a corrected intake, say); a curated title and summary stay. */
    void updateFromSource(long id, SourceAnswer a, boolean keepCuratedTitle, Instant now) {
        if (keepCuratedTitle) {
            jdbc.sql("UPDATE sl_library_entry SET content = ?, details = ?, context = ?, updated_at = ? WHERE id = ?")
                    .params(a.content(), a.details(), a.context(), ts(now), id).update();
        } else {
            jdbc.sql("""
                    UPDATE sl_library_entry SET title = ?, summary = ?, content = ?, details = ?, context = ?, updated_at = ?
                    WHERE id = ?""")
                    .params(a.title(), a.summary(), a.content(), a.details(), a.context(), ts(now), id).update();
        }
    }

    /** Consent given: stored with who and when, and the entry published. */
    void consentGiven(long id, String by, Instant at, Instant now) {
        jdbc.sql("""
                UPDATE sl_library_entry SET consent_by = ?, consent_at = ?, published = TRUE, published_by = ?, published_at = ?,
                       updated_at = ?
                WHERE id = ? AND erased_at IS NULL""")
                .params(by, ts(at), by, ts(now), ts(now), id).update();
    }

    /** Consent withdrawn: the entry goes back to being a draft that nothing shows. */
    void consentWithdrawn(long id, Instant now) {
        jdbc.sql("""
                UPDATE sl_library_entry SET consent_by = NULL, consent_at = NULL, published = FALSE, published_by = NULL,
                       published_at = NULL, updated_at = ?
                WHERE id = ?""")
                .params(ts(now), id).update();
    }

    /** Adds the person as one who shared the entry, unless they already are. */
    void ensureSharer(long entryId, Long participantId, String userId, String name) {
        long existing = participantId != null
                ? jdbc.sql("SELECT COUNT(*) FROM sl_library_sharer WHERE entry_id = ? AND participant_id = ?")
                        .params(entryId, participantId).query(Long.class).single()
                : jdbc.sql("SELECT COUNT(*) FROM sl_library_sharer WHERE entry_id = ? AND user_id = ?")
                        .params(entryId, userId).query(Long.class).single();
        if (existing == 0) {
            addSharer(entryId, participantId, userId, name);
        }
    }

    /** Adds the person as one who shared the entry: for an entry just made, which has none yet. */
    void addSharer(long entryId, Long participantId, String userId, String name) {
        jdbc.sql("INSERT INTO sl_library_sharer (entry_id, participant_id, user_id, name) VALUES (?, ?, ?, ?)")
                .params(entryId, participantId, userId, name).update();
    }

    // ---- the practice follow-up ----

    /** Adds the follow-up to every entry of the visit; answers which entries it changed. */
    List<Long> recordFollowUp(long visitId, FollowUp followUp, Instant now) {
        List<Long> ids = jdbc.sql("SELECT id FROM sl_library_entry WHERE visit_id = ? ORDER BY id").param(visitId)
                .query(Long.class).list();
        jdbc.sql("""
                UPDATE sl_library_entry SET follow_up_introduced = ?, follow_up_effect = ?, follow_up_at = ?, updated_at = ?
                WHERE visit_id = ?""")
                .params(followUp.introduced(), followUp.effect(), ts(followUp.answeredAt()), ts(now), visitId).update();
        return ids;
    }

    private Optional<FollowUp> followUpOfVisit(long visitId) {
        return jdbc.sql("""
                SELECT follow_up_introduced, follow_up_effect, follow_up_at FROM sl_library_entry
                WHERE visit_id = ? AND follow_up_at IS NOT NULL ORDER BY follow_up_at DESC, id""")
                .param(visitId)
                .query((rs, n) -> new FollowUp(rs.getString(1), rs.getString(2), instant(rs, "follow_up_at")))
                .list().stream().findFirst();
    }

    // ---- curation ----

    void curate(long id, String title, String summary, Language language, String by, Instant now) {
        jdbc.sql("""
                UPDATE sl_library_entry SET title = ?, summary = ?, language = ?, curated_by = ?, curated_at = ?, updated_at = ?
                WHERE id = ?""")
                .params(title, summary, language.name(), by, ts(now), ts(now), id).update();
    }

    void setThemes(long entryId, Collection<Long> themeIds) {
        jdbc.sql("DELETE FROM sl_library_entry_theme WHERE entry_id = ?").param(entryId).update();
        for (long themeId : themeIds) {
            jdbc.sql("INSERT INTO sl_library_entry_theme (entry_id, theme_id) VALUES (?, ?)").params(entryId, themeId).update();
        }
    }

    /** Publishes an entry that has consent and is not erased; answers whether it did. */
    boolean publish(long id, String by, Instant now) {
        return jdbc.sql("""
                UPDATE sl_library_entry SET published = TRUE, published_by = ?, published_at = ?, updated_at = ?
                WHERE id = ? AND consent_at IS NOT NULL AND erased_at IS NULL""")
                .params(by, ts(now), ts(now), id).update() == 1;
    }

    void unpublish(long id, Instant now) {
        jdbc.sql("UPDATE sl_library_entry SET published = FALSE, updated_at = ? WHERE id = ?").params(ts(now), id).update();
    }

    void setNamed(long entryId, long sharerId, boolean named, String by, Instant now) {
        jdbc.sql("UPDATE sl_library_sharer SET named_at = ?, named_by = ? WHERE id = ? AND entry_id = ? AND anonymised_at IS NULL")
                .params(named ? ts(now) : null, named ? by : null, sharerId, entryId).update();
        jdbc.sql("UPDATE sl_library_entry SET updated_at = ? WHERE id = ?").params(ts(now), entryId).update();
    }

    // ---- reading ----

    Optional<LibraryEntry> find(long id) {
        return withDetails(jdbc.sql(SELECT + " WHERE e.id = ?").param(id).query(LibraryRepository::row).list())
                .stream().findFirst();
    }

    List<LibraryEntry> findVisible(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = ids.stream().map(id -> "?").collect(Collectors.joining(", "));
        return withDetails(jdbc.sql(SELECT + " WHERE " + VISIBLE + " AND e.id IN (" + marks + ")")
                .params(new ArrayList<Object>(ids)).query(LibraryRepository::row).list());
    }

    List<LibraryEntry> findAllVisible() {
        return withDetails(jdbc.sql(SELECT + " WHERE " + VISIBLE + " ORDER BY e.id").query(LibraryRepository::row).list());
    }

    List<LibraryEntry> findVisibleOfVisit(long visitId) {
        return withDetails(jdbc.sql(SELECT + " WHERE " + VISIBLE + " AND e.visit_id = ? ORDER BY e.id").param(visitId)
                .query(LibraryRepository::row).list());
    }

    /** Entries with consent that a coordinator has unpublished: they may be published again. */
    List<LibraryEntry> findUnpublishedWithConsent() {
        return withDetails(jdbc.sql(SELECT + """
                 WHERE e.consent_at IS NOT NULL AND e.published = FALSE AND e.erased_at IS NULL ORDER BY e.updated_at DESC, e.id""")
                .query(LibraryRepository::row).list());
    }

    // ---- themes ----

    List<Theme> themes() {
        return jdbc.sql("SELECT id, name, name_en FROM sl_library_theme ORDER BY name")
                .query((rs, n) -> new Theme(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    boolean themeExists(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM sl_library_theme WHERE LOWER(name) = LOWER(?)").param(name)
                .query(Long.class).single() > 0;
    }

    void insertTheme(String name, String nameEn, String by, Instant now) {
        jdbc.sql("INSERT INTO sl_library_theme (name, name_en, created_by, created_at) VALUES (?, ?, ?, ?)")
                .params(name, nameEn, by, ts(now)).update();
    }

    // ---- helpers ----

    private List<LibraryEntry> withDetails(List<LibraryEntry> entries) {
        if (entries.isEmpty()) {
            return entries;
        }
        List<Object> ids = entries.stream().map(e -> (Object) e.id()).toList();
        String marks = ids.stream().map(id -> "?").collect(Collectors.joining(", "));
        Map<Long, List<Theme>> themes = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT et.entry_id, t.id, t.name, t.name_en FROM sl_library_entry_theme et
                JOIN sl_library_theme t ON t.id = et.theme_id WHERE et.entry_id IN (%s) ORDER BY t.name""".formatted(marks))
                .params(ids).query(rs -> {
                    themes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Theme(rs.getLong(2), rs.getString(3), rs.getString(4)));
                });
        Map<Long, List<Sharer>> sharers = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT entry_id, id, participant_id, user_id, name, named_at, named_by FROM sl_library_sharer
                WHERE entry_id IN (%s) ORDER BY id""".formatted(marks))
                .params(ids).query(rs -> {
                    sharers.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Sharer(rs.getLong(2),
                            rs.getObject(3, Long.class), rs.getString(4), rs.getString(5), instant(rs, "named_at"),
                            rs.getString(7)));
                });
        return entries.stream().map(e -> new LibraryEntry(e.id(), e.visitId(), e.visitReference(), e.hostUnit(),
                e.visitTopic(), e.source(), e.title(), e.summary(), e.content(), e.details(), e.context(), e.organisation(),
                e.level(), e.language(), List.copyOf(themes.getOrDefault(e.id(), List.of())),
                List.copyOf(sharers.getOrDefault(e.id(), List.of())), e.consentBy(), e.consentAt(), e.published(),
                e.publishedAt(), e.followUp(), e.createdAt(), e.updatedAt(), e.erased())).toList();
    }

    private static LibraryEntry row(ResultSet rs, int n) throws SQLException {
        Instant followUpAt = instant(rs, "follow_up_at");
        return new LibraryEntry(rs.getLong("id"), rs.getLong("visit_id"), rs.getString("reference"),
                rs.getString("host_unit"), rs.getString("topic"), LibrarySource.valueOf(rs.getString("source")),
                rs.getString("title"), rs.getString("summary"), rs.getString("content"), rs.getString("details"),
                rs.getString("context"), rs.getString("organisation"), PartnerLevel.valueOf(rs.getString("partner_level")),
                Language.valueOf(rs.getString("language")), List.of(), List.of(), rs.getString("consent_by"),
                instant(rs, "consent_at"), rs.getBoolean("published"), instant(rs, "published_at"),
                followUpAt == null ? null : new FollowUp(rs.getString("follow_up_introduced"),
                        rs.getString("follow_up_effect"), followUpAt),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getTimestamp("erased_at") != null);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}

package se.samlarande.learning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code sl_learning_package}, {@code sl_learning_module} and {@code sl_learning_module_entry}. */
@Repository
class PackageRepository {

    /** A package as stored. */
    record PackageRow(long id, String slug, String title, Long themeId, String introduction, String language,
            boolean published, Instant publishedAt, String createdBy, Instant createdAt, Instant updatedAt) {
    }

    /** A module as stored, with the ids of the entries it quotes in order. */
    record ModuleRow(long id, long packageId, int position, String title, String goal, String workshopQuestions,
            String evaluationQuestions, List<Long> entryIds) {
    }

    private static final String SELECT_PACKAGE = """
            SELECT id, slug, title, theme_id, introduction, language, published, published_at, created_by, created_at,
                   updated_at FROM sl_learning_package""";

    private final JdbcClient jdbc;

    PackageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean slugTaken(String slug) {
        return jdbc.sql("SELECT COUNT(*) FROM sl_learning_package WHERE slug = ?").param(slug).query(Long.class).single() > 0;
    }

    long insert(String slug, String title, long themeId, String language, String by, Instant now) {
        jdbc.sql("""
                INSERT INTO sl_learning_package (slug, title, theme_id, language, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(slug, title, themeId, language, by, ts(now), ts(now)).update();
        return jdbc.sql("SELECT id FROM sl_learning_package WHERE slug = ?").param(slug).query(Long.class).single();
    }

    void update(long id, String title, long themeId, String introduction, String language, Instant now) {
        jdbc.sql("""
                UPDATE sl_learning_package SET title = ?, theme_id = ?, introduction = ?, language = ?, updated_at = ?
                WHERE id = ?""")
                .params(title, themeId, introduction, language, ts(now), id).update();
    }

    void setPublished(long id, boolean published, String by, Instant now) {
        jdbc.sql("UPDATE sl_learning_package SET published = ?, published_by = ?, published_at = ?, updated_at = ? WHERE id = ?")
                .params(published, published ? by : null, published ? ts(now) : null, ts(now), id).update();
    }

    void touch(long id, Instant now) {
        jdbc.sql("UPDATE sl_learning_package SET updated_at = ? WHERE id = ?").params(ts(now), id).update();
    }

    Optional<PackageRow> find(long id) {
        return jdbc.sql(SELECT_PACKAGE + " WHERE id = ?").param(id).query(PackageRepository::packageRow).optional();
    }

    Optional<PackageRow> findPublished(String slug) {
        return jdbc.sql(SELECT_PACKAGE + " WHERE slug = ? AND published = TRUE").param(slug)
                .query(PackageRepository::packageRow).optional();
    }

    List<PackageRow> findAll() {
        return jdbc.sql(SELECT_PACKAGE + " ORDER BY updated_at DESC, id DESC").query(PackageRepository::packageRow).list();
    }

    // ---- modules ----

    long insertModule(long packageId, String title, String goal, String workshop, String evaluation) {
        int position = jdbc.sql("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM sl_learning_module WHERE package_id = ?")
                .param(packageId).query(Integer.class).single();
        jdbc.sql("""
                INSERT INTO sl_learning_module (package_id, sort_order, title, goal, workshop_questions, evaluation_questions)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(packageId, position, title, goal, workshop, evaluation).update();
        return jdbc.sql("SELECT id FROM sl_learning_module WHERE package_id = ? AND sort_order = ?")
                .params(packageId, position).query(Long.class).single();
    }

    void updateModule(long moduleId, String title, String goal, String workshop, String evaluation) {
        jdbc.sql("""
                UPDATE sl_learning_module SET title = ?, goal = ?, workshop_questions = ?, evaluation_questions = ?
                WHERE id = ?""")
                .params(title, goal, workshop, evaluation, moduleId).update();
    }

    void deleteModule(long moduleId) {
        jdbc.sql("DELETE FROM sl_learning_module_entry WHERE module_id = ?").param(moduleId).update();
        jdbc.sql("DELETE FROM sl_learning_module WHERE id = ?").param(moduleId).update();
    }

    /** Adds the entry at the end of the module, unless it is already there; answers whether it added it. */
    boolean addEntry(long moduleId, long entryId) {
        if (jdbc.sql("SELECT COUNT(*) FROM sl_learning_module_entry WHERE module_id = ? AND entry_id = ?")
                .params(moduleId, entryId).query(Long.class).single() > 0) {
            return false;
        }
        int position = jdbc.sql("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM sl_learning_module_entry WHERE module_id = ?")
                .param(moduleId).query(Integer.class).single();
        jdbc.sql("INSERT INTO sl_learning_module_entry (module_id, entry_id, sort_order) VALUES (?, ?, ?)")
                .params(moduleId, entryId, position).update();
        return true;
    }

    void removeEntry(long moduleId, long entryId) {
        jdbc.sql("DELETE FROM sl_learning_module_entry WHERE module_id = ? AND entry_id = ?").params(moduleId, entryId).update();
    }

    List<ModuleRow> modules(long packageId) {
        Map<Long, List<Long>> entries = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT me.module_id, me.entry_id FROM sl_learning_module_entry me
                JOIN sl_learning_module m ON m.id = me.module_id WHERE m.package_id = ? ORDER BY me.module_id, me.sort_order""")
                .param(packageId)
                .query(rs -> {
                    entries.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                });
        return jdbc.sql("""
                SELECT id, package_id, sort_order, title, goal, workshop_questions, evaluation_questions
                FROM sl_learning_module WHERE package_id = ? ORDER BY sort_order, id""")
                .param(packageId)
                .query((rs, n) -> new ModuleRow(rs.getLong("id"), rs.getLong("package_id"), rs.getInt("sort_order"),
                        rs.getString("title"), rs.getString("goal"), rs.getString("workshop_questions"),
                        rs.getString("evaluation_questions"), List.copyOf(entries.getOrDefault(rs.getLong("id"), List.of()))))
                .list();
    }

    private static PackageRow packageRow(ResultSet rs, int n) throws SQLException {
        return new PackageRow(rs.getLong("id"), rs.getString("slug"), rs.getString("title"),
                rs.getObject("theme_id", Long.class), rs.getString("introduction"), rs.getString("language"),
                rs.getBoolean("published"), instant(rs, "published_at"), rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}

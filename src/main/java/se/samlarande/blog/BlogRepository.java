package se.samlarande.blog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** {@code sl_blog_post}, {@code sl_blog_comment}, {@code sl_blog_attachment}, {@code sl_blog_view}, {@code sl_visit.blog_public}. */
@Repository
class BlogRepository {

    private static final String POST_COLUMNS = "id, visit_id, kind, phase, author_user_id, author_participant_id, "
            + "author_name, title, body_html, created_at, hidden_at, hidden_by, hidden_reason";
    private static final String COMMENT_COLUMNS = "id, post_id, author_user_id, author_participant_id, author_name, "
            + "body_html, created_at, hidden_at, hidden_by, hidden_reason";

    private final JdbcClient jdbc;

    BlogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertPost(long visitId, PostKind kind, Phase phase, Author author, String title, String bodyHtml, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sl_blog_post (visit_id, kind, phase, author_user_id, author_participant_id, author_name,
                                          title, body_html, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(visitId, kind.name(), phase.name(), author.userId(), author.participantId(), author.name(),
                        title, bodyHtml, Timestamp.from(at))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    long insertComment(long visitId, long postId, Author author, String bodyHtml, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sl_blog_comment (post_id, visit_id, author_user_id, author_participant_id, author_name,
                                             body_html, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(postId, visitId, author.userId(), author.participantId(), author.name(), bodyHtml,
                        Timestamp.from(at))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void insertAttachment(long postId, String fileName, String contentType, byte[] content, Instant at) {
        jdbc.sql("""
                INSERT INTO sl_blog_attachment (post_id, file_name, content_type, size_bytes, content, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(postId, fileName, contentType, content.length, content, Timestamp.from(at))
                .update();
    }

    List<BlogPost> posts(long visitId) {
        // Posts erased under the retention rules or on request stay counted but are no longer shown.
        return jdbc.sql("SELECT " + POST_COLUMNS + " FROM sl_blog_post WHERE visit_id = ? AND erased_at IS NULL ORDER BY created_at, id")
                .param(visitId).query(BlogRepository::post).list();
    }

    Optional<BlogPost> post(long visitId, long postId) {
        return jdbc.sql("SELECT " + POST_COLUMNS + " FROM sl_blog_post WHERE visit_id = ? AND id = ?")
                .params(visitId, postId).query(BlogRepository::post).optional();
    }

    /** Whether the visit has a post of this kind (with this title, unless null). */
    boolean hasPost(long visitId, PostKind kind, String title) {
        return title == null
                ? jdbc.sql("SELECT COUNT(*) FROM sl_blog_post WHERE visit_id = ? AND kind = ?")
                        .params(visitId, kind.name()).query(Long.class).single() > 0
                : jdbc.sql("SELECT COUNT(*) FROM sl_blog_post WHERE visit_id = ? AND kind = ? AND title = ?")
                        .params(visitId, kind.name(), title).query(Long.class).single() > 0;
    }

    List<BlogComment> comments(long visitId) {
        return jdbc.sql("SELECT " + COMMENT_COLUMNS + " FROM sl_blog_comment WHERE visit_id = ? AND erased_at IS NULL ORDER BY created_at, id")
                .param(visitId).query(BlogRepository::comment).list();
    }

    Optional<BlogComment> comment(long visitId, long commentId) {
        return jdbc.sql("SELECT " + COMMENT_COLUMNS + " FROM sl_blog_comment WHERE visit_id = ? AND id = ?")
                .params(visitId, commentId).query(BlogRepository::comment).optional();
    }

    List<BlogPost.Attachment> attachments(long visitId) {
        return jdbc.sql("""
                SELECT a.id, a.post_id, a.file_name, a.content_type, a.size_bytes FROM sl_blog_attachment a
                JOIN sl_blog_post p ON p.id = a.post_id WHERE p.visit_id = ? ORDER BY a.id""")
                .param(visitId)
                .query((rs, n) -> new BlogPost.Attachment(rs.getLong("id"), rs.getLong("post_id"),
                        rs.getString("file_name"), rs.getString("content_type"), rs.getInt("size_bytes")))
                .list();
    }

    /** An image of the visit's blog, with whether its post is hidden. */
    Optional<StoredImage> image(long visitId, long attachmentId) {
        return jdbc.sql("""
                SELECT a.file_name, a.content_type, a.content, p.hidden_at FROM sl_blog_attachment a
                JOIN sl_blog_post p ON p.id = a.post_id WHERE p.visit_id = ? AND a.id = ?""")
                .params(visitId, attachmentId)
                .query((rs, n) -> new StoredImage(new BlogImage(rs.getString("file_name"), rs.getString("content_type"),
                        rs.getBytes("content")), rs.getTimestamp("hidden_at") != null))
                .optional();
    }

    record StoredImage(BlogImage image, boolean postHidden) {
    }

    boolean hidePost(long postId, String by, String reason, Instant at) {
        return jdbc.sql("UPDATE sl_blog_post SET hidden_at = ?, hidden_by = ?, hidden_reason = ? WHERE id = ? AND hidden_at IS NULL")
                .params(Timestamp.from(at), by, reason, postId).update() == 1;
    }

    boolean hideComment(long commentId, String by, String reason, Instant at) {
        return jdbc.sql("UPDATE sl_blog_comment SET hidden_at = ?, hidden_by = ?, hidden_reason = ? WHERE id = ? AND hidden_at IS NULL")
                .params(Timestamp.from(at), by, reason, commentId).update() == 1;
    }

    boolean isPublic(long visitId) {
        return jdbc.sql("SELECT blog_public FROM sl_visit WHERE id = ?").param(visitId).query(Boolean.class)
                .optional().orElse(false);
    }

    void setPublic(long visitId, boolean isPublic) {
        jdbc.sql("UPDATE sl_visit SET blog_public = ? WHERE id = ?").params(isPublic, visitId).update();
    }

    void insertView(long visitId, ViewerKind kind, String viewer, Instant at) {
        jdbc.sql("INSERT INTO sl_blog_view (visit_id, viewer_kind, viewer, viewed_at) VALUES (?, ?, ?, ?)")
                .params(visitId, kind.name(), viewer, Timestamp.from(at)).update();
    }

    BlogCounts counts(long visitId) {
        long posts = jdbc.sql("SELECT COUNT(*) FROM sl_blog_post WHERE visit_id = ? AND hidden_at IS NULL")
                .param(visitId).query(Long.class).single();
        long comments = jdbc.sql("""
                SELECT COUNT(*) FROM sl_blog_comment c JOIN sl_blog_post p ON p.id = c.post_id
                WHERE c.visit_id = ? AND c.hidden_at IS NULL AND p.hidden_at IS NULL""")
                .param(visitId).query(Long.class).single();
        long views = jdbc.sql("SELECT COUNT(*) FROM sl_blog_view WHERE visit_id = ?")
                .param(visitId).query(Long.class).single();
        return new BlogCounts(posts, comments, views);
    }

    private static BlogPost post(ResultSet rs, int n) throws SQLException {
        return new BlogPost(rs.getLong("id"), rs.getLong("visit_id"), PostKind.valueOf(rs.getString("kind")),
                Phase.valueOf(rs.getString("phase")), rs.getString("author_user_id"),
                rs.getObject("author_participant_id", Long.class), rs.getString("author_name"), rs.getString("title"),
                rs.getString("body_html"), rs.getTimestamp("created_at").toInstant(), hidden(rs), List.of(), List.of());
    }

    private static BlogComment comment(ResultSet rs, int n) throws SQLException {
        return new BlogComment(rs.getLong("id"), rs.getLong("post_id"), rs.getString("author_user_id"),
                rs.getObject("author_participant_id", Long.class), rs.getString("author_name"),
                rs.getString("body_html"), rs.getTimestamp("created_at").toInstant(), hidden(rs));
    }

    private static BlogPost.Hidden hidden(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp("hidden_at");
        return at == null ? null : new BlogPost.Hidden(at.toInstant(), rs.getString("hidden_by"), rs.getString("hidden_reason"));
    }
}

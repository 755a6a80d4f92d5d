package se.samlarande.blog;

import java.time.Instant;
import java.util.List;

/**
 * A post as shown, with its comments and images. {@code bodyHtml} is the sanitised text (the only thing a page
 * renders unescaped). Hidden posts keep their content for audit; readers never get them.
 */
public record BlogPost(long id, long visitId, PostKind kind, Phase phase, String authorUserId, Long authorParticipantId,
        String authorName, String title, String bodyHtml, Instant createdAt, Hidden moderation, List<BlogComment> comments,
        List<Attachment> attachments) {

    public boolean isHidden() {
        return moderation != null;
    }

    /** Written by the process rather than a person. */
    public boolean isByProcess() {
        return kind != PostKind.POST;
    }

    BlogPost with(List<BlogComment> comments, List<Attachment> attachments) {
        return new BlogPost(id, visitId, kind, phase, authorUserId, authorParticipantId, authorName, title, bodyHtml,
                createdAt, moderation, comments, attachments);
    }

    /** Who hid a post or comment, when and why. */
    public record Hidden(Instant at, String by, String reason) {
    }

    /** An image attached to a post (its bytes are read only when served). */
    public record Attachment(long id, long postId, String fileName, String contentType, int sizeBytes) {
    }
}

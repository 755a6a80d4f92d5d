package se.samlarande.blog;

import java.time.Instant;

/** A comment under a post; {@code bodyHtml} is sanitised. */
public record BlogComment(long id, long postId, String authorUserId, Long authorParticipantId, String authorName,
        String bodyHtml, Instant createdAt, BlogPost.Hidden moderation) {

    public boolean isHidden() {
        return moderation != null;
    }
}

package se.samlarande.blog;

import java.time.Instant;

/** A comment under a post; {@code bodyHtml} is sanitised. */
public record BlogComment(long id, long postId, String authorUserId, Long authorParticipantId, String authorName,
        String bodyHtml, Instant createdAt, BlogPost.Hidden hidden) {

    public boolean isHidden() {
        return hidden != null;
    }
}

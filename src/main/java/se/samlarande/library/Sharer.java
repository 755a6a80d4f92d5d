package se.samlarande.library;

import java.time.Instant;

/**
 * A person who shared an entry: a guest ({@code participantId}) or a member of staff ({@code userId}). Named in
 * credits only when they agreed to be ({@code namedAt}); otherwise the organisation is credited.
 */
public record Sharer(long id, Long participantId, String userId, String name, Instant namedAt, String namedBy) {

    public boolean named() {
        return namedAt != null;
    }

    public boolean guest() {
        return participantId != null;
    }
}

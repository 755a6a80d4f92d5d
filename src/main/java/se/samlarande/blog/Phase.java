package se.samlarande.blog;

import java.time.LocalDate;

/** Where in the visit a post was written: before its first day, during it, or after its last day. */
public enum Phase {
    BEFORE, DURING, AFTER;

    static Phase of(LocalDate today, LocalDate first, LocalDate last) {
        return today.isBefore(first) ? BEFORE : today.isAfter(last) ? AFTER : DURING;
    }
}

package se.samlarande.notification;

import java.time.Instant;
import java.time.LocalDate;

/**
 * When a visit's days begin and end as instants. The process's timers own that rule (the visit starts on its
 * first day at {@code visit-day-starts-at} in the region's zone); the calendar event must say the same.
 */
public interface VisitHours {

    record Span(Instant start, Instant end) {
    }

    /** From the start of the first day to the end of the last. */
    Span span(LocalDate firstDay, LocalDate lastDay);
}

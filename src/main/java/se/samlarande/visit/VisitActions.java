package se.samlarande.visit;

import java.time.LocalDate;

/** What staff can do to a running visit from the visit page; the process carries it out. */
public interface VisitActions {

    /** Cancels the visit at whatever point it is and tells everyone invited why. */
    void cancel(String reference, String reason);

    /** Moves the visit to new dates; pending reminders and deadlines move with it. */
    void reschedule(String reference, LocalDate from, LocalDate to);

    /** Sends a guest added after registration (a co-traveller) their own invitation. */
    void inviteGuest(String reference, long participantId);
}

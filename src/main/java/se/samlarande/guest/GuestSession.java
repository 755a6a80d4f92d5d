package se.samlarande.guest;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;

import jakarta.servlet.http.HttpSession;

import se.samlarande.notification.GuestLinkIssuer.Purpose;

/**
 * What a guest's personal link opened: one guest of one visit, and the forms their links gave them. Kept in the
 * HTTP session, so the token itself leaves the address bar after the first request.
 */
record GuestSession(long visitId, long participantId, Set<Purpose> purposes) implements Serializable {

    private static final String ATTRIBUTE = GuestSession.class.getName();

    static GuestSession of(HttpSession session) {
        return session == null ? null : (GuestSession) session.getAttribute(ATTRIBUTE);
    }

    static void open(HttpSession session, long visitId, long participantId, Purpose purpose) {
        GuestSession current = of(session);
        Set<Purpose> purposes = EnumSet.of(purpose);
        if (current != null && current.visitId == visitId && current.participantId == participantId) {
            purposes.addAll(current.purposes);
        }
        session.setAttribute(ATTRIBUTE, new GuestSession(visitId, participantId, purposes));
    }

    boolean allows(Purpose purpose) {
        return purposes.contains(purpose);
    }
}

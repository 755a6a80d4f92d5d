package se.samlarande.report;

import java.math.BigDecimal;

/** The figures stored for a closed visit. */
public record VisitResult(long visitId, int guestsInvited, int intakesReceived, int intakesOnTime,
        int guestEvaluations, BigDecimal guestScoreAverage, Integer hostScore, String purposeMet, int emailsSent,
        int daysRegisteredToClosed) {
}

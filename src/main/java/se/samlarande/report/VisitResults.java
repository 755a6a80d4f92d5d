package se.samlarande.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.samlarande.evaluation.AnswerService;
import se.samlarande.evaluation.Evaluation;
import se.samlarande.evaluation.Intake;
import se.samlarande.notification.Outbox;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitService;

/** Computes a visit's result figures when it closes and keeps them in {@code sl_visit_result}. */
@Service
public class VisitResults {

    private final VisitService visits;
    private final AnswerService answers;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final Clock clock;

    VisitResults(VisitService visits, AnswerService answers, Outbox outbox, JdbcClient jdbc, Clock clock) {
        this.visits = visits;
        this.answers = answers;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public VisitResult close(long visitId) {
        Visit visit = visits.get(visitId);
        Instant now = clock.instant();
        List<Intake> intakes = answers.intakes(visitId);
        List<Evaluation> evaluations = answers.evaluations(visitId);
        List<Evaluation> guestEvaluations = evaluations.stream()
                .filter(e -> e.respondent() == Evaluation.Respondent.GUEST).toList();
        Integer hostScore = evaluations.stream().filter(e -> e.respondent() == Evaluation.Respondent.HOST)
                .map(Evaluation::score).findFirst().orElse(null);
        BigDecimal average = guestEvaluations.isEmpty() ? null
                : BigDecimal.valueOf(guestEvaluations.stream().mapToInt(Evaluation::score).average().orElseThrow())
                        .setScale(2, RoundingMode.HALF_UP);
        int onTime = (int) intakes.stream()
                .filter(i -> visit.intakeDeadline() == null || !i.receivedAt().isAfter(visit.intakeDeadline())).count();
        VisitResult result = new VisitResult(visitId, visits.guests(visitId).size(), intakes.size(), onTime,
                guestEvaluations.size(), average, hostScore,
                answers.summary(visitId).map(s -> s.purposeMet() == null ? null : s.purposeMet().name()).orElse(null),
                outbox.countDelivered(visitId), (int) Duration.between(visit.registeredAt(), now).toDays());

        jdbc.sql("DELETE FROM sl_visit_result WHERE visit_id = ?").param(visitId).update();
        jdbc.sql("""
                INSERT INTO sl_visit_result (visit_id, guests_invited, intakes_received, intakes_on_time, guest_evaluations,
                                             guest_score_average, host_score, purpose_met, emails_sent,
                                             days_registered_to_closed, computed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(visitId, result.guestsInvited(), result.intakesReceived(), result.intakesOnTime(),
                        result.guestEvaluations(), result.guestScoreAverage(), result.hostScore(), result.purposeMet(),
                        result.emailsSent(), result.daysRegisteredToClosed(), Timestamp.from(now))
                .update();
        visits.close(visitId);
        return result;
    }

    public Optional<VisitResult> find(long visitId) {
        return jdbc.sql("""
                SELECT visit_id, guests_invited, intakes_received, intakes_on_time, guest_evaluations, guest_score_average,
                       host_score, purpose_met, emails_sent, days_registered_to_closed
                FROM sl_visit_result WHERE visit_id = ?""")
                .param(visitId)
                .query((rs, n) -> new VisitResult(rs.getLong("visit_id"), rs.getInt("guests_invited"),
                        rs.getInt("intakes_received"), rs.getInt("intakes_on_time"), rs.getInt("guest_evaluations"),
                        rs.getBigDecimal("guest_score_average"), (Integer) rs.getObject("host_score", Integer.class),
                        rs.getString("purpose_met"), rs.getInt("emails_sent"), rs.getInt("days_registered_to_closed")))
                .optional();
    }
}

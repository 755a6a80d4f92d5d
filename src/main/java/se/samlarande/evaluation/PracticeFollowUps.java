package se.samlarande.evaluation;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.samlarande.audit.AuditLog;
import se.samlarande.evaluation.PracticeFollowUp.Introduced;

/**
 * "Was it put into practice?": plans the question when a visit closes, stores the host's answer (audited, and
 * announced as {@link PracticeFollowUpRecorded} once stored) or closes it unanswered. The visit stays closed
 * throughout: the follow-up adds to a closed visit's results and changes nothing else about it.
 */
@Service
public class PracticeFollowUps {

    public static final String PRACTICE_FOLLOW_UP_RECORDED = "PRACTICE_FOLLOW_UP_RECORDED";
    public static final String PRACTICE_FOLLOW_UP_UNANSWERED = "PRACTICE_FOLLOW_UP_UNANSWERED";

    private static final Logger log = LoggerFactory.getLogger(PracticeFollowUps.class);

    private final PracticeFollowUpRepository repository;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PracticeFollowUps(PracticeFollowUpRepository repository, AuditLog audit, ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** When the visit closes: the host will be asked at {@code dueAt}, and the question closes at {@code answerBy}. */
    @Transactional
    public PracticeFollowUp plan(long visitId, Instant dueAt, Instant answerBy) {
        if (!answerBy.isAfter(dueAt)) {
            throw new IllegalArgumentException("A follow-up must be answerable for a while after it is due");
        }
        repository.insertIfAbsent(visitId, dueAt, answerBy);
        return find(visitId).orElseThrow();
    }

    /**
     * The host's answer. What was introduced and its effect are needed unless nothing was; obstacles are optional.
     * Stored once: a follow-up already answered, or closed unanswered, is refused.
     */
    @Transactional
    public PracticeFollowUp record(long visitId, Introduced introduced, String whatWasIntroduced, String effect,
            String obstacles, String answeredBy) {
        if (introduced == null) {
            throw new AnswerException("Ange om det som planerades infördes: ja, delvis eller nej.");
        }
        boolean something = introduced != Introduced.NO;
        String what = text(whatWasIntroduced, "Vad som infördes", something);
        String effects = text(effect, "Vilken effekt det fick", something);
        String hinders = text(obstacles, "Hinder", false);
        PracticeFollowUp planned = find(visitId)
                .orElseThrow(() -> new AnswerException("Besöket har ingen uppföljning av praktiken."));
        Instant now = clock.instant();
        if (!repository.answer(visitId, introduced, what, effects, hinders, answeredBy, now)) {
            throw new AnswerException(planned.answered() ? "Uppföljningen är redan besvarad."
                    : "Uppföljningen stängdes utan svar.");
        }
        audit.record(visitId, answeredBy, PRACTICE_FOLLOW_UP_RECORDED, "Uppföljning av praktiken besvarad: "
                + switch (introduced) {
                    case YES -> "infört";
                    case PARTLY -> "delvis infört";
                    case NO -> "inte infört";
                });
        events.publishEvent(new PracticeFollowUpRecorded(visitId, introduced.name(), effects, now));
        log.info("Practice follow-up of visit {} answered by {}: {}", visitId, answeredBy, introduced);
        return find(visitId).orElseThrow();
    }

    /** The question closed without an answer; the report counts the visit as not followed up. */
    @Transactional
    public void closeUnanswered(long visitId) {
        if (repository.closeUnanswered(visitId, clock.instant())) {
            audit.record(visitId, null, PRACTICE_FOLLOW_UP_UNANSWERED, "Uppföljningen av praktiken stängdes utan svar");
        }
    }

    public Optional<PracticeFollowUp> find(long visitId) {
        return repository.find(visitId);
    }

    private static String text(String value, String label, boolean required) {
        String trimmed = value == null ? "" : value.strip();
        if (required && trimmed.isEmpty()) {
            throw new AnswerException(label + " måste fyllas i när något infördes.");
        }
        if (trimmed.length() > AnswerService.MAX_TEXT) {
            throw new AnswerException(label + " får vara högst " + AnswerService.MAX_TEXT + " tecken.");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }
}

package se.samlarande.evaluation;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import se.samlarande.audit.AuditLog;
import se.samlarande.visit.Visit;

/**
 * Keeps a guest's answer that came after the process had moved on, for the coordinator: stored, audited and
 * announced ({@link LateAnswerKept}) in the caller's transaction. The same answer sent again keeps nothing new.
 */
@Component
class LateAnswers {

    static final String LATE_ANSWER_KEPT = "LATE_ANSWER_KEPT";
    private static final Logger log = LoggerFactory.getLogger(LateAnswers.class);

    private final LateAnswerRepository repository;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    LateAnswers(LateAnswerRepository repository, AuditLog audit, ApplicationEventPublisher events) {
        this.repository = repository;
        this.audit = audit;
        this.events = events;
    }

    void keep(Visit visit, LateAnswer answer) {
        if (repository.latestIs(answer.participantId(), answer.kind(), answer.score(), answer.texts())) {
            return;
        }
        repository.insert(visit.id(), answer);
        audit.record(visit.id(), null, LATE_ANSWER_KEPT, describe(answer.kind()) + " från deltagare "
                + answer.participantId() + " kom efter att processen gått vidare; sparat för samordnaren");
        events.publishEvent(new LateAnswerKept(visit.id(), answer.participantId()));
        log.info("A late {} for visit {} from participant {} kept for the coordinator", answer.kind(), visit.reference(),
                answer.participantId());
    }

    List<LateAnswer> of(long visitId) {
        return repository.findByVisit(visitId);
    }

    private static String describe(LateAnswer.Kind kind) {
        return switch (kind) {
            case INTAKE_CORRECTION -> "Rättat underlag";
            case INTAKE -> "Underlag";
            case EVALUATION -> "Utvärdering";
        };
    }
}

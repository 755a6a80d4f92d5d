package se.samlarande.evaluation;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.samlarande.visit.Participant;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitService;
import se.samlarande.visit.VisitState;

/**
 * Stores the answers of a visit and tells the process about them. An answer is stored in the same
 * transaction as the process is told, and a second copy of the same answer changes nothing.
 * <p>
 * Two answers for one visit can arrive at the same moment on two nodes (two guests evaluating, a guest and a
 * timer): the process instance is then moved twice at once and one transaction loses on optimistic locking. That
 * transaction is tried again as a whole, so the answer is stored and told to the process as things then stand.
 */
@Service
public class AnswerService {

    private static final Logger log = LoggerFactory.getLogger(AnswerService.class);
    static final int MAX_TEXT = 4000;
    /** How many times an answer's transaction is tried when the process was moved concurrently. */
    static final int ATTEMPTS = 3;

    private final AnswerRepository answers;
    private final VisitService visits;
    private final AnswerListener listener;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final LateAnswers late;

    @Autowired
    AnswerService(AnswerRepository answers, LateAnswers late, VisitService visits, AnswerListener listener, Clock clock,
            PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.answers = answers;
        this.late = late;
        this.visits = visits;
        this.listener = listener;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
    }

    /** Without anyone told of stored answers (tests of the storing alone). */
    AnswerService(AnswerRepository answers, LateAnswers late, VisitService visits, AnswerListener listener, Clock clock,
            PlatformTransactionManager transactions) {
        this(answers, late, visits, listener, clock, transactions, event -> { });
    }

    /** What happened to an answer that was handed in. */
    public enum Outcome {
        /** Stored, and the process was waiting for it. */
        RECEIVED,
        /** Stored, but the process had already moved on: it is kept for the coordinator to see. */
        RECEIVED_LATE,
        /** An answer from this guest was already stored; nothing changed. */
        ALREADY_RECEIVED,
        /**
         * A guest's answer the process can no longer take (it had moved on, or the visit closed): not taken into the
         * visit, kept for the coordinator ({@link #lateAnswers(long)}). The guest is told it came too late.
         */
        KEPT_LATE,
        /** The guest corrected an intake the host had not started reviewing; the process was not moved again. */
        CORRECTED
    }

    /** The confidentiality commitment a guest accepted with the intake: which text, and when. */
    public record Confidentiality(String version) {
    }

    /**
     * A guest's own intake, from the guest page. The first one is stored and moves the process, exactly once: a
     * double click or a second tab finds it stored. Until the host starts reviewing, a later one corrects it.
     */
    public Outcome submitIntake(long visitId, long participantId, String goalsAndPurpose, String improvementWork,
            Confidentiality confidentiality) {
        return submitIntake(visitId, participantId, goalsAndPurpose, improvementWork, confidentiality, false);
    }

    /**
     * As {@link #submitIntake(long, long, String, String, Confidentiality)}, with the guest's answer to whether the
     * improvement work may be published in the region's library of good examples. A correction without it withdraws
     * the consent; one with it keeps the time it was first given.
     */
    public Outcome submitIntake(long visitId, long participantId, String goalsAndPurpose, String improvementWork,
            Confidentiality confidentiality, boolean libraryConsent) {
        return inOwnTransaction(() -> storeIntake(visitId, participantId, goalsAndPurpose, improvementWork, confidentiality,
                libraryConsent));
    }

    private Outcome storeIntake(long visitId, long participantId, String goalsAndPurpose, String improvementWork,
            Confidentiality confidentiality, boolean libraryConsent) {
        Visit visit = visits.get(visitId);
        if (visit.state() == VisitState.CANCELLED) {
            throw new VisitClosedException(visit);
        }
        Participant guest = visits.guest(visitId, participantId);
        if (confidentiality == null || confidentiality.version() == null) {
            throw new AnswerException("Tystnadsplikten måste godkännas.");
        }
        Instant now = clock.instant();
        Intake intake = new Intake(guest.id(), text(goalsAndPurpose, "Mål och syfte med besöket", true),
                text(improvementWork, "Förbättringsarbete att dela", true), null, now);
        Optional<Intake> stored = answers.findIntake(guest.id());
        if (stored.isPresent() && sameTexts(stored.get(), intake) && !intakeEditable(visit)) {
            return Outcome.ALREADY_RECEIVED;
        }
        // once the visit was confirmed (or closed), or the host took up the review, the process takes no intake
        if (visit.state() != VisitState.INVITED || stored.isPresent() && !intakeEditable(visit)) {
            late.keep(visit, new LateAnswer(guest.id(), stored.isPresent() ? LateAnswer.Kind.INTAKE_CORRECTION
                    : LateAnswer.Kind.INTAKE, now, null, Arrays.asList(intake.goalsAndPurpose(), intake.improvementWork())));
            return Outcome.KEPT_LATE;
        }
        if (stored.isPresent()) {
            Instant consentAt = libraryConsent ? answers.findLibraryConsent(guest.id()).orElse(now) : null;
            answers.correctIntake(intake, confidentiality.version(), now, consentAt);
            events.publishEvent(new IntakeStored(visit, guest, intake, consentAt));
            log.info("Intake for visit {} corrected by participant {}", visit.reference(), guest.id());
            return Outcome.CORRECTED;
        }
        Instant consentAt = libraryConsent ? now : null;
        answers.insertIntake(visitId, intake, confidentiality.version(), consentAt);
        events.publishEvent(new IntakeStored(visit, guest, intake, consentAt));
        boolean waited = listener.intakeReceived(visit.reference(), guest.id());
        log.info("Intake for visit {} submitted by participant {}{}", visit.reference(), guest.id(),
                waited ? "" : " after the process moved on");
        return waited ? Outcome.RECEIVED : Outcome.RECEIVED_LATE;
    }

    /**
     * A guest's own evaluation, from the guest page; once given it stands. One the process no longer waits for (its
     * deadline passed, the visit closed) is {@link Outcome#KEPT_LATE}.
     */
    public Outcome submitEvaluation(long visitId, long participantId, int score, String wentWell, String toImprove) {
        return recordGuestEvaluation(visitId, participantId, score, wentWell, toImprove, null);
    }

    /** Guests may correct their intake while the visit waits for it and the host has not taken it up. */
    public boolean intakeEditable(Visit visit) {
        return visit.state() == se.samlarande.visit.VisitState.INVITED && !listener.intakeReviewStarted(visit.reference());
    }

    public Optional<Intake> intake(long participantId) {
        return answers.findIntake(participantId);
    }

    /** When the guest agreed to publication of the intake's improvement work in the region's library, if they did. */
    public Optional<Instant> intakeLibraryConsent(long participantId) {
        return answers.findLibraryConsent(participantId);
    }

    public Optional<Evaluation> evaluation(long participantId) {
        return evaluations(visits.participant(participantId).visitId()).stream()
                .filter(e -> Long.valueOf(participantId).equals(e.participantId())).findFirst();
    }

    public Outcome recordIntake(long visitId, long participantId, String goalsAndPurpose, String improvementWork,
            String recordedBy) {
        return inOwnTransaction(() -> storeRecordedIntake(visitId, participantId, goalsAndPurpose, improvementWork,
                recordedBy));
    }

    private Outcome storeRecordedIntake(long visitId, long participantId, String goalsAndPurpose,
            String improvementWork, String recordedBy) {
        Visit visit = openVisit(visitId);
        Participant guest = visits.guest(visitId, participantId);
        Intake intake = new Intake(guest.id(), text(goalsAndPurpose, "Mål och syfte med besöket", true),
                text(improvementWork, "Förbättringsarbete att dela", true), recordedBy, clock.instant());
        if (!answers.insertIntakeIfAbsent(visitId, intake)) {
            return Outcome.ALREADY_RECEIVED;
        }
        events.publishEvent(new IntakeStored(visit, guest, intake, null));
        boolean waited = listener.intakeReceived(visit.reference(), guest.id());
        log.info("Intake for visit {} from participant {} stored{}", visit.reference(), guest.id(),
                waited ? "" : " after the process moved on");
        return waited ? Outcome.RECEIVED : Outcome.RECEIVED_LATE;
    }

    public Outcome recordGuestEvaluation(long visitId, long participantId, int score, String wentWell,
            String toImprove, String recordedBy) {
        return inOwnTransaction(() -> storeGuestEvaluation(visitId, participantId, score, wentWell, toImprove,
                recordedBy));
    }

    private Outcome storeGuestEvaluation(long visitId, long participantId, int score, String wentWell,
            String toImprove, String recordedBy) {
        Visit visit = visits.get(visitId);
        Participant guest = visits.guest(visitId, participantId);
        Evaluation evaluation = new Evaluation(guest.id(), Evaluation.Respondent.GUEST, score(score),
                text(wentWell, "Vad fungerade bra", false), text(toImprove, "Vad kan bli bättre", false), recordedBy,
                clock.instant());
        if (!answers.insertEvaluationIfAbsent(visitId, evaluation)) {
            return Outcome.ALREADY_RECEIVED;
        }
        events.publishEvent(new EvaluationStored(visitId));
        boolean waited = visit.state().isOpen() && listener.evaluationReceived(visit.reference(), guest.id());
        log.info("Evaluation for visit {} from participant {} stored{}", visit.reference(), guest.id(),
                waited ? "" : " after the process moved on");
        if (!waited && recordedBy == null) {
            late.keep(visit, new LateAnswer(guest.id(), LateAnswer.Kind.EVALUATION, evaluation.receivedAt(),
                    evaluation.score(), Arrays.asList(evaluation.wentWell(), evaluation.toImprove())));
            return Outcome.KEPT_LATE;
        }
        return waited ? Outcome.RECEIVED : Outcome.RECEIVED_LATE;
    }

    @Transactional
    public void recordHostEvaluation(long visitId, int score, String wentWell, String toImprove, String host) {
        if (answers.insertEvaluationIfAbsent(visitId, new Evaluation(null, Evaluation.Respondent.HOST, score(score),
                text(wentWell, "Vad fungerade bra", false), text(toImprove, "Vad kan bli bättre", false), host,
                clock.instant()))) {
            events.publishEvent(new EvaluationStored(visitId));
        }
    }

    @Transactional
    public void scheduleSummaryMeeting(long visitId, Instant meetingAt, String place) {
        if (meetingAt == null) {
            throw new AnswerException("Ange när summeringsmötet hålls.");
        }
        answers.scheduleSummary(visitId, meetingAt, text(place, "Plats eller länk", true));
    }

    @Transactional
    public void recordSummaryAnswers(long visitId, Summary.PurposeMet purposeMet, String learned,
            String introduceInPractice, String followUpActions, boolean publishApproved, String recordedBy) {
        recordSummaryAnswers(visitId, purposeMet, learned, introduceInPractice, followUpActions, publishApproved,
                false, recordedBy);
    }

    /**
     * The summary meeting's answers, with whether the one who records them agrees, for the meeting, to publication of
     * the learnings in the region's library of good examples.
     */
    @Transactional
    public void recordSummaryAnswers(long visitId, Summary.PurposeMet purposeMet, String learned,
            String introduceInPractice, String followUpActions, boolean publishApproved, boolean libraryConsent,
            String recordedBy) {
        if (purposeMet == null) {
            throw new AnswerException("Ange om syftet med besöket uppnåddes.");
        }
        Summary scheduled = summary(visitId)
                .orElseThrow(() -> new AnswerException("Summeringsmötet är inte inplanerat."));
        answers.recordSummaryAnswers(visitId, new Summary(scheduled.meetingAt(), scheduled.meetingPlace(), purposeMet,
                text(learned, "Vad lärde ni er", true), text(introduceInPractice, "Vad införs i praktiken", true),
                text(followUpActions, "Uppföljande åtgärder", false), publishApproved, recordedBy), clock.instant());
        Instant consentAt = libraryConsent ? clock.instant() : null;
        String consentBy = libraryConsent ? recordedBy : null;
        answers.recordSummaryLibraryConsent(visitId, consentBy, consentAt);
        events.publishEvent(new SummaryRecorded(visitId, consentBy, consentAt));
    }

    public List<Intake> intakes(long visitId) {
        return answers.findIntakes(visitId);
    }

    /** The guests' answers that came after the process had moved on, oldest first. */
    public List<LateAnswer> lateAnswers(long visitId) {
        return late.of(visitId);
    }

    public List<Evaluation> evaluations(long visitId) {
        return answers.findEvaluations(visitId);
    }

    public Optional<Summary> summary(long visitId) {
        return answers.findSummary(visitId);
    }

    /**
     * Stores the guest's choice made with the intake: whether others in the network may contact them again
     * (a "competence friend"). Joins the caller's transaction; the intake must be stored.
     */
    @Transactional
    public void recordContactAgainChoice(long participantId, boolean contactAgain) {
        if (answers.updateContactAgain(participantId, contactAgain) == 0) {
            throw new AnswerException("Gästen har inget underlag.");
        }
    }

    /** The choice the guest made with the intake, if any. */
    public Optional<Boolean> contactAgainChoice(long participantId) {
        return answers.findContactAgain(participantId);
    }

    /**
     * Runs the work in a transaction of its own, and again (at most {@link #ATTEMPTS} times in all) when it lost to a
     * concurrent move of the same process. Inside a caller's transaction it just runs: that caller decides.
     */
    private Outcome inOwnTransaction(Supplier<Outcome> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> work.get());
            } catch (ConcurrencyFailureException conflict) {
                if (attempt == ATTEMPTS) {
                    throw conflict;
                }
                log.info("An answer lost to a concurrent move of the same visit's process; trying again ({} of {})",
                        attempt + 1, ATTEMPTS);
            }
        }
    }

    private Visit openVisit(long visitId) {
        Visit visit = visits.get(visitId);
        if (!visit.state().isOpen()) {
            throw new VisitClosedException(visit);
        }
        return visit;
    }

    private static boolean sameTexts(Intake stored, Intake sent) {
        return Objects.equals(stored.goalsAndPurpose(), sent.goalsAndPurpose())
                && Objects.equals(stored.improvementWork(), sent.improvementWork());
    }

    private static int score(int score) {
        if (score < 1 || score > 5) {
            throw new AnswerException("Betyget ska vara mellan 1 och 5.");
        }
        return score;
    }

    private static String text(String value, String label, boolean required) {
        String trimmed = value == null ? "" : value.strip();
        if (required && trimmed.isEmpty()) {
            throw new AnswerException(label + " måste fyllas i.");
        }
        if (trimmed.length() > MAX_TEXT) {
            throw new AnswerException(label + " får vara högst " + MAX_TEXT + " tecken.");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }
}

package se.samlarande.process;

import static se.samlarande.process.FormMarkdown.bounded;
import static se.samlarande.process.FormMarkdown.text;
import static se.samlarande.process.VisitProcess.*;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import se.samlarande.evaluation.AnswerService;
import se.samlarande.evaluation.Evaluation;
import se.samlarande.evaluation.Intake;
import se.samlarande.evaluation.LateAnswer;
import se.samlarande.visit.Participant;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitService;

/**
 * On every user task's creation: puts a read-only overview of the visit and of what guests and hosts have
 * answered so far on the task (as task-local variables), for the task's form to show; {@link OverviewRefresh} puts
 * it there again whenever an answer arrives while the task is open, so a task shows the answers as they stand. The
 * answers themselves stay in the app's tables; the overview is gone with the task, and its copy in the engine's
 * history is removed with the guests' contact data ({@code privacy.Retention}) or at the latest by the history
 * time-to-live.
 * <p>
 * The forms show the overviews in text views, which Tasklist renders as Markdown and then HTML: every value in them
 * (whatever a guest, the public or staff typed, and the app's own data) goes in through {@link FormMarkdown#text},
 * so it shows as text, never as a link, an image, a heading or a tag.
 */
@Component
class TaskOverviewListener implements TaskListener {

    /** Where the rest of an overview too long for the task is: every answer in full. */
    static final String MORE_ON_THE_VISIT_PAGE = "_Fler svar än vad som får plats här: läs alla på besökets sida i appen "
            + "(Besök i menyn)._";
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final VisitService visits;
    private final AnswerService answers;
    private final VisitTimers timers;

    TaskOverviewListener(VisitService visits, AnswerService answers, VisitTimers timers) {
        this.visits = visits;
        this.answers = answers;
        this.timers = timers;
    }

    @Override
    public void notify(DelegateTask task) {
        task.setVariablesLocal(overviews(task.getTaskDefinitionKey(), VISIT_ID.require(task)));
    }

    /** The task-local overview variables of a task of this kind in this visit, as they stand now. */
    Map<String, Object> overviews(String taskDefinitionKey, long visitId) {
        Visit visit = visits.get(visitId);
        Map<String, Object> overviews = new HashMap<>();
        overviews.put(VISIT_OVERVIEW.name(), bounded(visitOverview(visit), MORE_ON_THE_VISIT_PAGE));
        if (Element.TASK_FOLLOW_UP_PRACTICE.equals(taskDefinitionKey)) {
            // Months after the visit the host needs what the summary meeting planned, not the guests' answers.
            overviews.put(PRACTICE_OVERVIEW.name(), bounded(practiceOverview(visit), MORE_ON_THE_VISIT_PAGE));
        } else {
            overviews.put(ANSWERS_OVERVIEW.name(), bounded(answersOverview(visit), MORE_ON_THE_VISIT_PAGE));
        }
        return overviews;
    }

    /** What the summary meeting learned and planned to introduce in practice, for the practice follow-up. */
    private String practiceOverview(Visit visit) {
        return answers.summary(visit.id()).filter(s -> s.purposeMet() != null).map(s -> {
            StringBuilder md = new StringBuilder("#### Summeringsmötet ").append(at(s.meetingAt())).append("\n\n");
            md.append("**Vad vi inför i praktiken**\n\n").append(text(s.introduceInPractice())).append("\n\n");
            md.append("**Vad vi lärde oss**\n\n").append(text(s.learned())).append("\n\n");
            if (s.followUpActions() != null) {
                md.append("**Uppföljande åtgärder**\n\n").append(text(s.followUpActions())).append("\n\n");
            }
            return md.toString();
        }).orElse("_Summeringsmötets svar saknas._\n\n");
    }

    private String visitOverview(Visit visit) {
        StringBuilder md = new StringBuilder();
        md.append("**").append(text(visit.reference())).append("** – ").append(text(visit.topic())).append("\n\n");
        md.append("Värdenhet: ").append(text(visit.hostUnit())).append("  \n");
        md.append("Datum: ").append(text(visit.dateFrom())).append(" – ").append(text(visit.dateTo())).append("  \n");
        md.append("Gäster: ").append(text(visit.guestOrganisation())).append(" (").append(level(visit)).append(")  \n");
        if (visit.intakeDeadline() != null) {
            md.append("Sista dag för underlag: ").append(at(visit.intakeDeadline())).append("  \n");
        }
        if (visit.programme() != null) {
            md.append("\n**Program**\n\n").append(text(visit.programme())).append('\n');
        }
        return md.toString();
    }

    private String answersOverview(Visit visit) {
        Map<Long, Participant> guests = visits.guests(visit.id()).stream()
                .collect(Collectors.toMap(Participant::id, Function.identity()));
        List<Intake> intakes = answers.intakes(visit.id());
        List<Evaluation> evaluations = answers.evaluations(visit.id());
        StringBuilder md = new StringBuilder("#### Underlag från gästerna\n\n");
        if (intakes.isEmpty()) {
            md.append("_Inget underlag har kommit in._\n\n");
        }
        for (Intake intake : intakes) {
            Participant guest = guests.get(intake.participantId());
            // The guest's name only: the address is not needed to review the answers (the app sends every email).
            md.append("**").append(text(guest.name())).append("**  \n")
                    .append("_Mottaget ").append(at(intake.receivedAt()))
                    .append(intake.recordedOnBehalf() ? ", registrerat av " + text(intake.recordedBy()) : "")
                    .append("_\n\n")
                    .append("Mål och syfte: ").append(text(intake.goalsAndPurpose())).append("\n\n")
                    .append("Förbättringsarbete att dela: ").append(text(intake.improvementWork())).append("\n\n");
        }
        if (!evaluations.isEmpty()) {
            md.append("#### Utvärderingar\n\n");
            for (Evaluation e : evaluations) {
                String who = e.participantId() == null ? "Värd" : guests.get(e.participantId()).name();
                md.append("**").append(text(who)).append("**: betyg ").append(e.score()).append(" av 5");
                if (e.wentWell() != null) {
                    md.append("  \nBra: ").append(text(e.wentWell()));
                }
                if (e.toImprove() != null) {
                    md.append("  \nKan bli bättre: ").append(text(e.toImprove()));
                }
                md.append("\n\n");
            }
        }
        List<LateAnswer> late = answers.lateAnswers(visit.id());
        if (!late.isEmpty()) {
            md.append("#### Svar som kom för sent\n\n");
            for (LateAnswer answer : late) {
                md.append("**").append(text(guests.get(answer.participantId()).name())).append("**, ")
                        .append(switch (answer.kind()) {
                            case INTAKE_CORRECTION -> "rättat underlag";
                            case INTAKE -> "underlag";
                            case EVALUATION -> "utvärdering, betyg " + answer.score() + " av 5";
                        })
                        .append(", mottaget ").append(at(answer.receivedAt())).append("\n\n");
                for (String typed : answer.texts()) {
                    if (typed != null && !typed.isBlank()) {
                        md.append(text(typed)).append("\n\n");
                    }
                }
            }
        }
        answers.summary(visit.id()).ifPresent(s -> md.append("#### Summeringsmöte\n\n")
                .append(at(s.meetingAt())).append(", ").append(text(s.meetingPlace())).append("\n\n"));
        return md.toString();
    }

    private static String level(Visit visit) {
        return switch (visit.partnerLevel()) {
            case LOCAL -> "lokal";
            case REGIONAL -> "regional";
            case NATIONAL -> "nationell";
            case INTERNATIONAL -> "internationell";
        };
    }

    /** A time in the region, as text for the form. */
    private String at(Instant instant) {
        return text(DAY_AND_TIME.format(instant.atZone(timers.zone())));
    }
}

package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import se.samlarande.evaluation.AnswerService;
import se.samlarande.visit.InvalidVisitException;
import se.samlarande.visit.VisitService;
import se.samlarande.visit.VisitState;

/** Completing "Schedule the summary meeting": stores when and where, and sets the date the process waits for. */
@Component
class ScheduleSummaryMeetingListener implements TaskListener {

    private final AnswerService answers;
    private final VisitService visits;
    private final VisitTimers timers;

    ScheduleSummaryMeetingListener(AnswerService answers, VisitService visits, VisitTimers timers) {
        this.answers = answers;
        this.visits = visits;
        this.timers = timers;
    }

    @Override
    public void notify(DelegateTask task) {
        Instant meetingAt = parse(SUMMARY_MEETING_TIME.get(task));
        if (!meetingAt.isAfter(timers.now().toInstant())) {
            throw new InvalidVisitException("Summeringsmötet måste ligga i framtiden.");
        }
        long visitId = VISIT_ID.require(task);
        answers.scheduleSummaryMeeting(visitId, meetingAt,
                FormText.required(SUMMARY_MEETING_PLACE.get(task), "Plats eller länk"));
        visits.moveTo(visitId, VisitState.SUMMARY);
        SUMMARY_MEETING_AT.set(task.getExecution(), Date.from(meetingAt));
        task.getExecution().removeVariables(java.util.List.of(SUMMARY_MEETING_TIME.name(), SUMMARY_MEETING_PLACE.name()));
    }

    /** Camunda Forms send "2026-12-20T10:00" (local), or with an offset or Z, depending on the field's setting. */
    private Instant parse(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidVisitException("Ange datum och tid för summeringsmötet.");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).atZone(timers.zone()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidVisitException("Ogiltig tid för summeringsmötet: " + value);
            }
        }
    }
}

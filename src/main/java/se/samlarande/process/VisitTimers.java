package se.samlarande.process;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The process's timers, exposed to BPMN expressions as {@code visitTimers} (for example
 * {@code ${visitTimers.intakeReminderCycle}}), and the dates the process computes from a visit's days.
 * The one place where a visit's calendar days in the region's time zone become instants.
 */
@Component("visitTimers")
public class VisitTimers {

    private final TimerProperties properties;
    private final ZoneId zone;
    private final Clock clock;

    VisitTimers(TimerProperties properties, @Value("${samlarande.zone}") ZoneId zone, Clock clock) {
        this.properties = properties;
        this.zone = zone;
        this.clock = clock;
    }

    /** The dates one visit's timers wait for. */
    public record Schedule(Instant visitStart, Instant visitEnd, Instant intakeDeadline, Instant evaluationDeadline) {
    }

    public Schedule schedule(LocalDate from, LocalDate to) {
        Instant start = from.atTime(properties.visitDayStartsAt()).atZone(zone).toInstant();
        Instant end = to.atTime(properties.visitDayEndsAt()).atZone(zone).toInstant();
        Instant evaluationDeadline = to.plus(properties.evaluationPeriod()).atTime(properties.visitDayEndsAt())
                .atZone(zone).toInstant();
        return new Schedule(start, end, intakeDeadline(from), evaluationDeadline);
    }

    /**
     * The intake is due the lead time before the visit, at the end of that day; but guests always get at least
     * the minimum response time from now, unless the visit starts sooner than that.
     */
    public Instant intakeDeadline(LocalDate from) {
        Instant start = from.atTime(properties.visitDayStartsAt()).atZone(zone).toInstant();
        Instant byLeadTime = from.minus(properties.intakeLeadTime()).atTime(properties.visitDayEndsAt())
                .atZone(zone).toInstant();
        Instant earliest = clock.instant().plus(properties.intakeMinimumResponseTime());
        Instant deadline = byLeadTime.isBefore(earliest) ? earliest : byLeadTime;
        return deadline.isAfter(start) ? start : deadline;
    }

    /** When the host is asked whether the visit's planned practice was introduced, and until when they may answer. */
    public record FollowUpSchedule(Instant dueAt, Instant answerBy) {
    }

    /**
     * The practice follow-up of a visit closed at {@code closedAt}: asked the configured period after the day it
     * closed, at the start of the working day; it closes unanswered the answer time later, at the end of that day.
     */
    public FollowUpSchedule practiceFollowUp(Instant closedAt) {
        LocalDate asked = closedAt.atZone(zone).toLocalDate().plus(properties.practiceFollowUpAfter());
        return new FollowUpSchedule(asked.atTime(properties.visitDayStartsAt()).atZone(zone).toInstant(),
                endOfDay(asked.plus(properties.practiceFollowUpAnswerTime())));
    }

    /** A date typed in a form ({@code 2026-12-01}) as the end of that day in the region. */
    public Instant endOfDay(LocalDate day) {
        return day.atTime(properties.visitDayEndsAt()).atZone(zone).toInstant();
    }

    public ZoneId zone() {
        return zone;
    }

    // Read by the BPMN.

    public String getIntakeReminderCycle() {
        return properties.intakeReminderCycle();
    }

    public String getEvaluationReminderCycle() {
        return properties.evaluationReminderCycle();
    }

    public String getPracticeFollowUpReminderCycle() {
        return properties.practiceFollowUpReminderCycle();
    }

    public String getEmailRetryCycle() {
        return properties.emailRetryCycle();
    }

    /** Reminders to the host: first after the grace period past the visit's end, then at the configured interval. */
    public String hostOverdueCycle(Date visitEnd) {
        return "R" + properties.hostOverdueReminderCount() + "/"
                + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(hostOverdueFrom(visitEnd.toInstant()).atZone(zone))
                + "/" + properties.hostOverdueReminderCycle();
    }

    public Instant hostOverdueFrom(Instant visitEnd) {
        return visitEnd.plus(properties.hostOverdueGrace());
    }

    ZonedDateTime now() {
        return clock.instant().atZone(zone);
    }
}

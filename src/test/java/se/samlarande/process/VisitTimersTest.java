package se.samlarande.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.Date;

import org.junit.jupiter.api.Test;

/** The dates a visit's timers wait for, in the region's time zone (winter and summer time alike). */
class VisitTimersTest {

    private static final ZoneId REGION = ZoneId.of("Europe/Stockholm");
    private static final TimerProperties PROPERTIES = new TimerProperties(LocalTime.of(8, 0), LocalTime.of(17, 0),
            Period.ofDays(14), Duration.ofDays(3), "R3/P5D", Duration.ofHours(4), Duration.ofDays(1), 3,
            Period.ofDays(14), "R2/P5D", "R3/PT5M", Period.ofMonths(3), "R2/P14D", Period.ofWeeks(6));

    private static VisitTimers timersAt(String now) {
        return new VisitTimers(PROPERTIES, REGION, Clock.fixed(Instant.parse(now), REGION));
    }

    private static Instant local(String dateTime) {
        return java.time.LocalDateTime.parse(dateTime).atZone(REGION).toInstant();
    }

    @Test
    void aVisitFarAheadHasItsIntakeDueTheLeadTimeBefore() {
        VisitTimers.Schedule schedule = timersAt("2026-12-01T08:00:00Z").schedule(LocalDate.of(2027, 6, 14),
                LocalDate.of(2027, 6, 16));

        assertThat(schedule.visitStart()).isEqualTo(local("2027-06-14T08:00"));
        assertThat(schedule.visitEnd()).isEqualTo(local("2027-06-16T17:00"));
        assertThat(schedule.intakeDeadline()).isEqualTo(local("2027-05-31T17:00"));
        assertThat(schedule.evaluationDeadline()).isEqualTo(local("2027-06-30T17:00"));
        assertThat(schedule.visitStart()).isEqualTo(Instant.parse("2027-06-14T06:00:00Z")); // summer time
    }

    @Test
    void guestsGetAtLeastTheMinimumTimeButNeverPastTheStart() {
        VisitTimers timers = timersAt("2026-12-01T08:00:00Z");

        assertThat(timers.intakeDeadline(LocalDate.of(2026, 12, 10))).isEqualTo(Instant.parse("2026-12-04T08:00:00Z"));
        assertThat(timers.intakeDeadline(LocalDate.of(2026, 12, 2))).isEqualTo(local("2026-12-02T08:00"));
    }

    @Test
    void thePracticeIsFollowedUpMonthsAfterTheVisitClosedFromTheStartOfThatDay() {
        VisitTimers.FollowUpSchedule schedule = timersAt("2027-02-01T09:05:00Z")
                .practiceFollowUp(Instant.parse("2027-02-01T09:05:00Z"));

        assertThat(schedule.dueAt()).isEqualTo(local("2027-05-01T08:00")); // summer time by then
        assertThat(schedule.answerBy()).isEqualTo(local("2027-06-12T17:00"));
    }

    @Test
    void aVisitClosedLateInTheEveningIsFollowedUpFromItsOwnDayInTheRegion() {
        // 23:30 UTC on 31 January is 00:30 on 1 February in Sweden
        VisitTimers.FollowUpSchedule schedule = timersAt("2027-01-31T23:30:00Z")
                .practiceFollowUp(Instant.parse("2027-01-31T23:30:00Z"));

        assertThat(schedule.dueAt()).isEqualTo(local("2027-05-01T08:00"));
    }

    @Test
    void theHostIsRemindedFromTheGracePeriodAfterTheVisitsEnd() {
        String cycle = timersAt("2026-12-01T08:00:00Z").hostOverdueCycle(Date.from(local("2027-01-19T17:00")));

        assertThat(cycle).isEqualTo("R3/2027-01-19T21:00:00+01:00/PT24H");
    }
}

package se.samlarande.process;

import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * {@code samlarande.timers.*}: every duration the process waits for. The BPMN holds no literal durations;
 * it reads these through the {@code visitTimers} bean.
 *
 * @param visitDayStartsAt          when the first day of a visit begins (region's time zone)
 * @param visitDayEndsAt            when the last day of a visit ends
 * @param intakeLeadTime            how long before the visit the guests' intake is due
 * @param intakeMinimumResponseTime the least time guests get from the invitation, whatever the lead time
 * @param intakeReminderCycle       ISO 8601 repeating interval of intake reminders, e.g. {@code R3/P5D}
 * @param hostOverdueGrace          how long after the visit's end the host's report counts as overdue
 * @param hostOverdueReminderCycle  interval between reminders to the host once overdue
 * @param hostOverdueReminderCount  how many such reminders at most
 * @param evaluationPeriod          how long after the visit guests may evaluate it
 * @param evaluationReminderCycle   ISO 8601 repeating interval of evaluation reminders
 * @param emailRetryCycle           how a failed email job is retried before it becomes an incident
 * @param practiceFollowUpAfter     how long after the visit closed (its summary meeting) the host is asked whether the
 *                                  planned practice was introduced; asked at the start of that day
 * @param practiceFollowUpReminderCycle ISO 8601 repeating interval of reminders to the host while the question is
 *                                  unanswered; bounded ({@code R<n>/...}), e.g. {@code R2/P14D}
 * @param practiceFollowUpAnswerTime how long the host has to answer; then the question closes unanswered (at the end
 *                                  of that day) and the coordinators are told
 */
@Validated
@ConfigurationProperties("samlarande.timers")
public record TimerProperties(
        @NotNull LocalTime visitDayStartsAt,
        @NotNull LocalTime visitDayEndsAt,
        @NotNull Period intakeLeadTime,
        @NotNull Duration intakeMinimumResponseTime,
        @NotBlank String intakeReminderCycle,
        @NotNull Duration hostOverdueGrace,
        @NotNull Duration hostOverdueReminderCycle,
        @PositiveOrZero int hostOverdueReminderCount,
        @NotNull Period evaluationPeriod,
        @NotBlank String evaluationReminderCycle,
        @NotBlank String emailRetryCycle,
        @NotNull Period practiceFollowUpAfter,
        @NotBlank @Pattern(regexp = "R\\d+/.+", message = "must repeat a bounded number of times: R<n>/<interval>")
        String practiceFollowUpReminderCycle,
        @NotNull Period practiceFollowUpAnswerTime) {
}

package se.samlarande.privacy;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code samlarande.retention.*}: how long each kind of personal data is kept, as the region's retention decisions
 * say. Periods are ISO 8601 and counted from the visit's close or cancellation (or, for records that belong to no
 * visit, from when they were created).
 *
 * @param contactData    guests' names and email addresses, their personal links
 * @param intake         the guests' intake answers (free text)
 * @param evaluations    the free-text answers of evaluations (the scores are kept)
 * @param practiceFollowUp the free text of the host's answer on whether the planned practice was introduced (whether
 *                       it was is kept)
 * @param blog           blog posts, comments and images (their counts are kept); public blogs are kept
 * @param emailLog       the outbox's bodies and recipients (the count of emails is kept)
 * @param visitRequests  the contact data and free text of visit requests
 * @param competenceFriends contact people in the partner register who agreed to be contacted again: kept this long
 *                       after their last visit ended (or their choice was last confirmed); those who did not agree
 *                       follow {@code contactData}
 * @param engineHistory  the engine's history of a finished process (Cockpit, cycle times), its history time-to-live
 * @param cron           when the retention job runs ("-" turns it off)
 */
@Validated
@ConfigurationProperties("samlarande.retention")
public record RetentionProperties(
        @NotNull Period contactData,
        @NotNull Period intake,
        @NotNull Period evaluations,
        @NotNull Period practiceFollowUp,
        @NotNull Period blog,
        @NotNull Period emailLog,
        @NotNull Period visitRequests,
        @NotNull Period competenceFriends,
        @NotNull Period engineHistory,
        @NotBlank String cron) {

    /** The engine counts its history time-to-live in days. */
    public int engineHistoryDays() {
        return days(engineHistory);
    }

    /** Records that ended at or before this instant have passed the period. */
    static Instant cutoff(Instant now, Period period) {
        return now.atOffset(ZoneOffset.UTC).minus(period).toInstant();
    }

    static int days(Period period) {
        return period.getYears() * 365 + period.getMonths() * 30 + period.getDays();
    }
}

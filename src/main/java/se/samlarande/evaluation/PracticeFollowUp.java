package se.samlarande.evaluation;

import java.time.Instant;

/**
 * "Was it put into practice?": the host's answer, some months after the summary meeting, on what of the practice the
 * visit planned was introduced and with what effect. Planned when the visit closes ({@code dueAt}: when the host is
 * asked; {@code answerBy}: when the question closes unanswered), then answered or closed unanswered.
 */
public record PracticeFollowUp(long visitId, Instant dueAt, Instant answerBy, Introduced introduced,
        String whatWasIntroduced, String effect, String obstacles, String answeredBy, Instant answeredAt,
        Instant unansweredAt) {

    /** Whether the planned practice was introduced. */
    public enum Introduced { YES, PARTLY, NO }

    public boolean answered() {
        return answeredAt != null;
    }

    /** Neither answered nor closed unanswered: the host is (or will be) asked. */
    public boolean pending() {
        return answeredAt == null && unansweredAt == null;
    }
}

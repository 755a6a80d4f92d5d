package se.samlarande.notification;

/** Every kind of email the app sends. Message keys are {@code mail.<key>.*}. */
public enum MailKind {
    INVITATION("invitation"),
    INTAKE_REMINDER("intake-reminder"),
    CONFIRMATION("confirmation"),
    HOST_OVERDUE_REMINDER("host-overdue-reminder"),
    EVALUATION_REQUEST("evaluation-request"),
    EVALUATION_REMINDER("evaluation-reminder"),
    SUMMARY_INVITATION("summary-invitation"),
    CANCELLATION("cancellation"),
    RESCHEDULED("rescheduled"),
    GUEST_LINK("guest-link"),
    REQUEST_DATES_PROPOSED("request-dates-proposed"),
    REQUEST_DECLINED("request-declined"),
    PRACTICE_FOLLOW_UP_REMINDER("practice-follow-up-reminder"),
    PRACTICE_FOLLOW_UP_UNANSWERED("practice-follow-up-unanswered");

    private final String key;

    MailKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Emails to an organisation that asked for a visit, before there is a visit. */
    public boolean isAboutRequest() {
        return this == REQUEST_DATES_PROPOSED || this == REQUEST_DECLINED;
    }
}

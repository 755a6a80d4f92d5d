package se.samlarande.privacy;

import java.time.Period;
import java.util.function.Function;

/** The kinds of personal data a visit holds, each with its own retention period. */
enum RecordKind {
    CONTACT_DATA("kontaktuppgifter", RetentionProperties::contactData),
    INTAKE("underlag", RetentionProperties::intake),
    EVALUATIONS("utvärderingarnas fritext", RetentionProperties::evaluations),
    PRACTICE_FOLLOW_UP("uppföljningens fritext", RetentionProperties::practiceFollowUp),
    BLOG("bloggen", RetentionProperties::blog),
    EMAILS("e-postloggen", RetentionProperties::emailLog),
    REQUESTS("besöksförfrågan", RetentionProperties::visitRequests);

    final String label;
    private final Function<RetentionProperties, Period> period;

    RecordKind(String label, Function<RetentionProperties, Period> period) {
        this.label = label;
        this.period = period;
    }

    Period period(RetentionProperties properties) {
        return period.apply(properties);
    }
}

package se.samlarande.evaluation;

import java.time.Instant;

/** The summary meeting: when and where, and the answers to the summary questions once it is held. */
public record Summary(Instant meetingAt, String meetingPlace, PurposeMet purposeMet, String learned,
        String introduceInPractice, String followUpActions, boolean publishApproved, String recordedBy) {

    public enum PurposeMet { YES, PARTLY, NO }
}

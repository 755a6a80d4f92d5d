package se.samlarande.evaluation;

import java.time.Instant;

/** An evaluation of the visit, by a guest (participantId set) or by the host. */
public record Evaluation(Long participantId, Respondent respondent, int score, String wentWell, String toImprove,
        String recordedBy, Instant receivedAt) {

    public enum Respondent { GUEST, HOST }
}

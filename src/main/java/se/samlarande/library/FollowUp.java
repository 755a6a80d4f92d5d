package se.samlarande.library;

import java.time.Instant;

/** The host's answer, some months after the summary meeting: was the planned practice introduced, with what effect. */
public record FollowUp(String introduced, String effect, Instant answeredAt) {
}

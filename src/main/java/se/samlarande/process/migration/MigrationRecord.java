package se.samlarande.process.migration;

import java.time.Instant;

/** A row of {@code sl_process_migration}: one attempt to move an instance to a newer version. */
public record MigrationRecord(String processInstanceId, Long visitId, String sourceDefinitionId, int sourceVersion,
        String sourceVersionTag, String targetDefinitionId, int targetVersion, String targetVersionTag,
        Outcome outcome, String reason, int attempts, Instant attemptedAt, String node) {

    public enum Outcome {
        MIGRATED, REFUSED
    }
}

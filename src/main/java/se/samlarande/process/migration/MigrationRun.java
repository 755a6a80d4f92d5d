package se.samlarande.process.migration;

/**
 * What one pass over the running visits did.
 *
 * @param targetDefinitionId the current definition, or null when none of key {@code visit} is deployed
 * @param migrated           instances moved to the target in this pass
 * @param refused            instances that stay on their version (each listed with its reason on /app/migrations)
 * @param skipped            instances another node had already taken, or that ended or moved meanwhile
 */
public record MigrationRun(String targetDefinitionId, String targetVersionTag, int migrated, int refused, int skipped) {

    static MigrationRun nothingDeployed() {
        return new MigrationRun(null, null, 0, 0, 0);
    }
}

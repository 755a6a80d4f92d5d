package se.samlarande.process.migration;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

import se.samlarande.process.migration.MigrationRecord.Outcome;

/** What {@code /app/migrations} shows: where the running visits are, and which ones stay behind and why. */
@Service
public class MigrationOverview {

    private static final int SHOWN = 200;

    private final VisitMigration migration;
    private final MigrationRecords records;
    private final RuntimeService runtime;

    MigrationOverview(VisitMigration migration, MigrationRecords records, RuntimeService runtime) {
        this.migration = migration;
        this.records = records;
        this.runtime = runtime;
    }

    /** A deployed version and how many visits run on it; {@code newer}: a version newer than this app carries. */
    public record Version(String definitionId, int version, String versionTag, long running, boolean current,
            boolean newer) {
    }

    public record Overview(String carried, Version current, List<Version> versions, List<MigrationRecord> refused,
            List<MigrationRecord> latestMigrated) {
    }

    private boolean newer(String tag) {
        VersionTag parsed = VersionTag.parseOrNull(tag);
        return parsed != null && parsed.compareTo(migration.carriedVersion()) > 0;
    }

    public Overview overview() {
        String targetId = migration.target().map(ProcessDefinition::getId).orElse(null);
        List<Version> versions = migration.definitions().stream()
                .map(d -> new Version(d.getId(), d.getVersion(), d.getVersionTag(),
                        runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count(),
                        d.getId().equals(targetId), newer(d.getVersionTag())))
                .toList();
        Version current = versions.stream().filter(Version::current).findFirst().orElse(null);
        List<MigrationRecord> refused = targetId == null ? List.of() : records.refused(targetId, SHOWN).stream()
                .filter(r -> runtime.createProcessInstanceQuery().processInstanceId(r.processInstanceId())
                        .processDefinitionId(r.sourceDefinitionId()).count() > 0)
                .toList();
        return new Overview(migration.carriedVersion().toString(), current, versions, refused,
                records.latest(Outcome.MIGRATED, 50));
    }
}

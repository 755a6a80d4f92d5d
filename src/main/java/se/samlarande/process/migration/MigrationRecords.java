package se.samlarande.process.migration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import se.samlarande.process.migration.MigrationRecord.Outcome;

/** {@code sl_process_migration}: the attempts to move instances to a newer version. Joins the caller's transaction. */
@Repository
class MigrationRecords {

    private static final int REASON_MAX = 2000;

    private final JdbcClient jdbc;

    MigrationRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the instance for this node: a refused attempt before is replaced; a row of another node's (committed or
     * not) makes the insert fail with a duplicate key, or wait for that node's transaction and then fail.
     */
    void claim(String instanceId, Long visitId, ProcessDefinition source, ProcessDefinition target, int attempts,
            Timestamp at, String node) {
        jdbc.sql("DELETE FROM sl_process_migration WHERE process_instance_id = ? AND target_definition_id = ? AND outcome = 'REFUSED'")
                .params(instanceId, target.getId()).update();
        insert(instanceId, visitId, source, target, Outcome.MIGRATED, null, attempts, at, node);
    }

    void refused(String instanceId, Long visitId, ProcessDefinition source, ProcessDefinition target, String reason,
            int attempts, Timestamp at, String node) {
        jdbc.sql("DELETE FROM sl_process_migration WHERE process_instance_id = ? AND target_definition_id = ? AND outcome = 'REFUSED'")
                .params(instanceId, target.getId()).update();
        insert(instanceId, visitId, source, target, Outcome.REFUSED, reason, attempts, at, node);
    }

    private void insert(String instanceId, Long visitId, ProcessDefinition source, ProcessDefinition target,
            Outcome outcome, String reason, int attempts, Timestamp at, String node) {
        String shortened = reason == null || reason.length() <= REASON_MAX ? reason : reason.substring(0, REASON_MAX - 1) + "…";
        jdbc.sql("""
                INSERT INTO sl_process_migration (process_instance_id, visit_id, source_definition_id, source_version,
                    source_version_tag, target_definition_id, target_version, target_version_tag, outcome, reason,
                    attempts, attempted_at, node)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(instanceId, visitId, source.getId(), source.getVersion(), source.getVersionTag(), target.getId(),
                        target.getVersion(), target.getVersionTag(), outcome.name(), shortened, attempts, at, node)
                .update();
    }

    /** Whether this instance already reached that target (by this node or another). */
    boolean migrated(String instanceId, String targetDefinitionId) {
        return jdbc.sql("SELECT COUNT(*) FROM sl_process_migration WHERE process_instance_id = ? AND target_definition_id = ? AND outcome = 'MIGRATED'")
                .params(instanceId, targetDefinitionId).query(Long.class).single() > 0;
    }

    /** The newest attempts with this outcome, newest first, at most {@code limit}. */
    List<MigrationRecord> latest(Outcome outcome, int limit) {
        return jdbc.sql("SELECT * FROM sl_process_migration WHERE outcome = ? ORDER BY attempted_at DESC, id DESC FETCH FIRST ? ROWS ONLY")
                .params(outcome.name(), limit).query(MigrationRecords::row).list();
    }

    /** The refusals for a target, newest first, at most {@code limit}. */
    List<MigrationRecord> refused(String targetDefinitionId, int limit) {
        return jdbc.sql("""
                SELECT * FROM sl_process_migration WHERE target_definition_id = ? AND outcome = 'REFUSED'
                ORDER BY attempted_at DESC, id DESC FETCH FIRST ? ROWS ONLY""")
                .params(targetDefinitionId, limit).query(MigrationRecords::row).list();
    }

    List<MigrationRecord> forInstance(String instanceId) {
        return jdbc.sql("SELECT * FROM sl_process_migration WHERE process_instance_id = ? ORDER BY attempted_at, id")
                .param(instanceId).query(MigrationRecords::row).list();
    }

    private static MigrationRecord row(ResultSet rs, int n) throws SQLException {
        return new MigrationRecord(rs.getString("process_instance_id"), rs.getObject("visit_id", Long.class),
                rs.getString("source_definition_id"), rs.getInt("source_version"), rs.getString("source_version_tag"),
                rs.getString("target_definition_id"), rs.getInt("target_version"), rs.getString("target_version_tag"),
                Outcome.valueOf(rs.getString("outcome")), rs.getString("reason"), rs.getInt("attempts"),
                rs.getTimestamp("attempted_at").toInstant(), rs.getString("node"));
    }
}

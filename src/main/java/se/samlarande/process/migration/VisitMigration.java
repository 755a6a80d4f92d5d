package se.samlarande.process.migration;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationInstructionBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import se.samlarande.audit.AuditLog;
import se.samlarande.process.VisitProcess;

/**
 * Moves the running visits to the version of {@code bpmn/visit.bpmn} this app carries, when it starts (and on an
 * admin's request from {@code /app/migrations}).
 * <p>
 * The target is the deployed definition of key {@code visit} whose versionTag is the newest that
 * {@link VisitVersionSteps} knows (of several with that tag, the highest version). Every definition with an older tag
 * (or the same tag and a lower version: a build that changed the model without raising the tag) is a source; for each
 * one migration plan is built from {@code mapEqualActivities} and the composed steps, and checked by Camunda before
 * any instance moves (a plan Camunda refuses moves none and is logged with its report). Then each instance is
 * migrated on its own, in its own transaction that also writes its row in {@code sl_process_migration} and its audit
 * record; an optimistic-locking conflict (a job moving the same instance) is tried again, up to three times, never
 * half applied. An instance that cannot be migrated is recorded as refused with the reason and stays on its
 * version, where it keeps running. Several nodes starting at once: the row's unique key lets one node migrate each
 * instance, the others skip it. A node that finds a newer version than it knows leaves the instances alone.
 */
@Service
public class VisitMigration {

    private static final Logger log = LoggerFactory.getLogger(VisitMigration.class);
    static final String MIGRATED = "PROCESS_MIGRATED";
    static final String REFUSED = "PROCESS_MIGRATION_REFUSED";
    private static final int TRIES = 3;

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final MigrationRecords records;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final boolean onStart;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private List<VersionStep> steps = VisitVersionSteps.STEPS;

    VisitMigration(RepositoryService repository, RuntimeService runtime, IdentityService identity,
            MigrationRecords records, AuditLog audit, Clock clock, PlatformTransactionManager transactions,
            @Value("${samlarande.migration.on-start:true}") boolean onStart) {
        this.repository = repository;
        this.runtime = runtime;
        this.identity = identity;
        this.records = records;
        this.audit = audit;
        this.clock = clock;
        this.onStart = onStart;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener(ApplicationReadyEvent.class)
    void migrateOnStart() {
        if (onStart) {
            migrateRunningVisits();
        }
    }

    /** The version this app carries: the newest step's target. */
    public VersionTag carriedVersion() {
        return steps.get(steps.size() - 1).to();
    }

    /** The deployed definition that running visits are moved to, if this app's version is deployed. */
    public Optional<ProcessDefinition> target() {
        VersionTag carried = carriedVersion();
        return definitions().stream()
                .filter(d -> carried.equals(VersionTag.parseOrNull(d.getVersionTag())))
                .max(Comparator.comparingInt(ProcessDefinition::getVersion));
    }

    /** Every deployed definition of the visit process, oldest version first. */
    public List<ProcessDefinition> definitions() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(VisitProcess.KEY)
                .orderByProcessDefinitionVersion().asc().list();
    }

    /** Migrates every running instance of an older version to the current one; see the class comment. */
    public MigrationRun migrateRunningVisits() {
        Optional<ProcessDefinition> found = target();
        if (found.isEmpty()) {
            log.warn("Process migration: no definition of '{}' with version {} is deployed; nothing is migrated",
                    VisitProcess.KEY, carriedVersion());
            return MigrationRun.nothingDeployed();
        }
        ProcessDefinition target = found.get();
        VersionTag targetTag = carriedVersion();
        long started = System.nanoTime();
        int migrated = 0;
        int refused = 0;
        int skipped = 0;
        for (ProcessDefinition source : definitions()) {
            VersionTag sourceTag = VersionTag.parseOrNull(source.getVersionTag());
            if (source.getId().equals(target.getId()) || !older(source, sourceTag, target, targetTag)) {
                continue;
            }
            List<String> instances = runtime.createProcessInstanceQuery().processDefinitionId(source.getId())
                    .orderByProcessInstanceId().asc().list().stream().map(ProcessInstance::getId).toList();
            if (instances.isEmpty()) {
                continue;
            }
            Plan plan = plan(source, sourceTag, target, targetTag);
            log.info("Process migration: {} instance(s) of {} to {}{}", instances.size(), describe(source),
                    describe(target), plan.refusal == null ? "" : " refused: " + plan.refusal);
            for (String instance : instances) {
                switch (migrate(instance, source, target, plan)) {
                    case MIGRATED -> migrated++;
                    case REFUSED -> refused++;
                    case SKIPPED -> skipped++;
                }
            }
        }
        MigrationRun run = new MigrationRun(target.getId(), target.getVersionTag(), migrated, refused, skipped);
        if (migrated + refused + skipped > 0) {
            log.info("Process migration to {} done: {} migrated, {} refused (listed on /app/migrations), {} skipped, in {} ms",
                    describe(target), migrated, refused, skipped, (System.nanoTime() - started) / 1_000_000);
        }
        return run;
    }

    /** Tries one instance again (an admin's request after its refusal). */
    public Attempt retry(String instanceId) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult();
        Optional<ProcessDefinition> target = target();
        if (instance == null || target.isEmpty() || instance.getProcessDefinitionId().equals(target.get().getId())) {
            return Attempt.SKIPPED;
        }
        ProcessDefinition source = repository.getProcessDefinition(instance.getProcessDefinitionId());
        VersionTag sourceTag = VersionTag.parseOrNull(source.getVersionTag());
        if (!older(source, sourceTag, target.get(), carriedVersion())) {
            return Attempt.SKIPPED;
        }
        return migrate(instanceId, source, target.get(), plan(source, sourceTag, target.get(), carriedVersion()));
    }

    /** What became of one instance. */
    public enum Attempt {
        MIGRATED, REFUSED, SKIPPED
    }

    private static boolean older(ProcessDefinition source, VersionTag sourceTag, ProcessDefinition target,
            VersionTag targetTag) {
        if (sourceTag == null) {
            return true; // deployed by hand without a tag: older than any release
        }
        int c = sourceTag.compareTo(targetTag);
        return c < 0 || c == 0 && source.getVersion() < target.getVersion();
    }

    /** A plan for all instances of one source definition, or why there is none. */
    private record Plan(MigrationPlan plan, String refusal) {
    }

    private Plan plan(ProcessDefinition source, VersionTag sourceTag, ProcessDefinition target, VersionTag targetTag) {
        if (sourceTag == null) {
            return new Plan(null, "the source has no version tag (MAJOR.MINOR.PATCH), so no step starts from it");
        }
        Optional<VisitVersionSteps.Composed> composed = VisitVersionSteps.compose(steps, sourceTag, targetTag);
        if (composed.isEmpty()) {
            return new Plan(null, "no chain of steps in VisitVersionSteps leads from " + sourceTag + " to " + targetTag);
        }
        try {
            return new Plan(build(source.getId(), target.getId(), composed.get()), null);
        } catch (ProcessEngineException e) {
            log.error("Process migration: Camunda refuses the plan from {} to {}; no instance of it is migrated: {}",
                    describe(source), describe(target), e.getMessage());
            return new Plan(null, "Camunda refuses the migration plan: " + e.getMessage());
        }
    }

    /**
     * The plan: every activity mapped to its equal in the target (as Camunda's {@code mapEqualActivities} finds them),
     * the composed renames added, the timers the steps name re-armed, the variables the steps add set.
     */
    MigrationPlan build(String sourceId, String targetId, VisitVersionSteps.Composed composed) {
        MigrationPlan equal = runtime.createMigrationPlan(sourceId, targetId).mapEqualActivities().build();
        MigrationPlanBuilder builder = runtime.createMigrationPlan(sourceId, targetId);
        Map<String, String> mapped = equal.getInstructions().stream()
                .filter(i -> !composed.removed().containsKey(i.getSourceActivityId()))
                .collect(Collectors.toMap(MigrationInstruction::getSourceActivityId, MigrationInstruction::getTargetActivityId,
                        (a, b) -> a, java.util.LinkedHashMap::new));
        composed.renamed().forEach(mapped::put);
        for (Map.Entry<String, String> m : mapped.entrySet()) {
            MigrationInstructionBuilder instruction = builder.mapActivities(m.getKey(), m.getValue());
            builder = composed.rearmedTimers().contains(m.getValue()) ? instruction.updateEventTrigger() : instruction;
        }
        if (!composed.variables().isEmpty()) {
            builder = builder.setVariables(composed.variables());
        }
        return builder.build();
    }

    private Attempt migrate(String instanceId, ProcessDefinition source, ProcessDefinition target, Plan plan) {
        Long visitId = visitId(instanceId);
        if (plan.refusal != null) {
            return refuse(instanceId, visitId, source, target, plan.refusal, 0);
        }
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            for (int attempt = 1; ; attempt++) {
                int tries = attempt;
                try {
                    return ownTransaction.execute(status -> {
                        ProcessInstance now = runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult();
                        if (now == null || !now.getProcessDefinitionId().equals(source.getId())) {
                            return Attempt.SKIPPED; // ended, or migrated meanwhile
                        }
                        records.claim(instanceId, visitId, source, target, tries, Timestamp.from(clock.instant()), node);
                        runtime.newMigration(plan.plan).processInstanceIds(instanceId).execute();
                        audit.record(visitId, null, MIGRATED, "Processen flyttad från version " + describe(source)
                                + " till " + describe(target) + " (instans " + instanceId + ")");
                        log.info("Process migration: instance {} (visit {}) {} -> {}", instanceId, visitId,
                                describe(source), describe(target));
                        return Attempt.MIGRATED;
                    });
                } catch (DataIntegrityViolationException e) {
                    if (records.migrated(instanceId, target.getId())) {
                        return Attempt.SKIPPED; // another node took it
                    }
                    return refuse(instanceId, visitId, source, target, "could not be recorded: " + e.getMostSpecificCause().getMessage(), tries);
                } catch (RuntimeException e) {
                    if (!changedMeanwhile(e)) {
                        return refuse(instanceId, visitId, source, target, reason(instanceId, plan, e), tries);
                    }
                    if (records.migrated(instanceId, target.getId())) {
                        return Attempt.SKIPPED;
                    }
                    if (tries >= TRIES) {
                        return refuse(instanceId, visitId, source, target,
                                "changed by another transaction " + TRIES + " times in a row: " + e.getMessage(), tries);
                    }
                    log.info("Process migration: instance {} changed meanwhile (try {} of {}), trying again", instanceId,
                            tries, TRIES);
                }
            }
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }

    /**
     * Whether the attempt failed because another transaction changed the instance at the same time: Camunda's
     * optimistic locking, or the database's own word for it (a serialization failure or deadlock, SQLSTATE class 40;
     * H2's concurrent update or lock timeout). Such an attempt is rolled back whole and tried again.
     */
    static boolean changedMeanwhile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockingException || t instanceof ConcurrencyFailureException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && (sql.getSQLState() != null && sql.getSQLState().startsWith("40")
                    || sql.getErrorCode() == 90131 || sql.getErrorCode() == 50200)) {
                return true;
            }
        }
        return false;
    }

    /** Camunda's reason, with the wait state the instance is in where the steps say it no longer exists. */
    private String reason(String instanceId, Plan plan, RuntimeException e) {
        StringBuilder why = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        try {
            ActivityInstance tree = runtime.getActivityInstance(instanceId);
            if (tree != null) {
                why.append(" (waiting in: ").append(waitingIn(tree)).append(')');
            }
        } catch (ProcessEngineException ignored) {
            // the instance is gone: its reason is enough
        }
        return why.toString();
    }

    private static String waitingIn(ActivityInstance tree) {
        if (tree.getChildActivityInstances().length == 0) {
            return tree.getActivityId();
        }
        return java.util.Arrays.stream(tree.getChildActivityInstances()).map(VisitMigration::waitingIn)
                .collect(Collectors.joining(", "));
    }

    private Attempt refuse(String instanceId, Long visitId, ProcessDefinition source, ProcessDefinition target,
            String reason, int tries) {
        log.warn("Process migration: instance {} (visit {}) stays on {}: {}", instanceId, visitId, describe(source), reason);
        try {
            ownTransaction.executeWithoutResult(status -> {
                records.refused(instanceId, visitId, source, target, reason, tries, Timestamp.from(clock.instant()), node);
                audit.record(visitId, null, REFUSED, "Processen kunde inte flyttas från version " + describe(source)
                        + " till " + describe(target) + ": " + reason);
            });
        } catch (DataIntegrityViolationException e) {
            return Attempt.SKIPPED; // another node recorded it first
        }
        return Attempt.REFUSED;
    }

    private Long visitId(String instanceId) {
        try {
            return VisitProcess.VISIT_ID.get(runtime, instanceId);
        } catch (ProcessEngineException e) {
            return null;
        }
    }

    /** A definition as Cockpit names it: its version, with the release's tag. */
    static String describe(ProcessDefinition d) {
        return (d.getVersionTag() == null ? "(no tag)" : d.getVersionTag()) + " (definition version " + d.getVersion() + ")";
    }

    /** For a test: other steps than the app's (a step Camunda refuses, a renamed wait state). */
    void useSteps(List<VersionStep> steps) {
        this.steps = List.copyOf(steps);
    }
}

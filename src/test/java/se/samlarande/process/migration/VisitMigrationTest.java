package se.samlarande.process.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static se.samlarande.process.VisitProcess.Element.RECEIVE_AWAIT_INTAKE;
import static se.samlarande.process.VisitProcess.Element.TASK_REVIEW_INTAKE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.samlarande.process.migration.MigrationRecord.Outcome;
import se.samlarande.support.Browser;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;

/**
 * Migration on start-up, with the current model deployed again under the previous version's tag as "the older
 * version" (its review form a byte apart, to tell which form a migrated task opens): instances move with their
 * timers, tasks and records; a plan Camunda refuses moves nothing and is listed; two nodes at once move each instance
 * once; an instance changed by another transaction in the middle of its migration is tried again, never half moved.
 * (Each release from git history: {@code ReleasedVersionsMigrationTest}.)
 */
@SamlarandeTest
class VisitMigrationTest extends VisitScenario {

    @Autowired VisitMigration migration;
    @Autowired RepositoryService repository;
    @Autowired FormService forms;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired MigrationRecords migrationRecords;
    @LocalServerPort int port;

    private Deployment older;
    private ProcessDefinition olderDefinition;
    private ProcessDefinition current;

    @BeforeEach
    void deployTheCurrentModelAgainAsThePreviousVersion() throws IOException {
        current = migration.target().orElseThrow();
        String model = Files.readString(Path.of("bpmn/visit.bpmn"))
                .replace("camunda:versionTag=\"" + migration.carriedVersion() + "\"", "camunda:versionTag=\"1.2.0\"");
        DeploymentBuilder builder = repository.createDeployment().name("visit 1.2.0 (test)")
                .addInputStream("visit.bpmn", new ByteArrayInputStream(model.getBytes(StandardCharsets.UTF_8)));
        try (Stream<Path> files = Files.list(Path.of("forms"))) {
            for (Path form : files.toList()) {
                byte[] bytes = Files.readAllBytes(form);
                if (form.getFileName().toString().equals("review-intake.form")) {
                    bytes = (new String(bytes, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
                }
                builder.addInputStream(form.getFileName().toString(), new ByteArrayInputStream(bytes));
            }
        }
        older = builder.deploy();
        olderDefinition = repository.createProcessDefinitionQuery().deploymentId(older.getId()).singleResult();
        assertThat(olderDefinition.getVersion()).isGreaterThan(current.getVersion());
    }

    @AfterEach
    void removeTheOlderVersion() {
        migration.useSteps(VisitVersionSteps.STEPS);
        repository.deleteDeployment(older.getId(), true);
    }

    @Test
    void anInstanceOfAnOlderVersionMovesWithItsTimersItsTaskAndARecord() throws IOException {
        // given a visit of the older version waiting for its intake, its reminder and deadline timers pending
        ProcessInstance waiting = registerVisit();
        assertThat(waiting.getProcessDefinitionId()).isEqualTo(olderDefinition.getId());
        runDueJobs(waiting);
        assertThat(waiting).isWaitingAt(RECEIVE_AWAIT_INTAKE);
        List<Job> timers = timers(waiting);
        assertThat(timers).hasSizeGreaterThanOrEqualTo(2);
        // and one whose review task is open
        ProcessInstance reviewing = registerVisit();
        runDueJobs(reviewing);
        answers.recordIntake(visitOf(reviewing).id(), contactGuestId(reviewing), "Goals", "Work", "kim");
        runDueJobs(reviewing);
        Task review = task(reviewing, TASK_REVIEW_INTAKE);
        assertThat(review.getProcessDefinitionId()).isEqualTo(olderDefinition.getId());

        // when the app starts with the current version
        MigrationRun run = migration.migrateRunningVisits();

        // then both run on it: the same timers with the same due dates, the same task, recorded and audited
        assertThat(run.targetDefinitionId()).isEqualTo(current.getId());
        assertThat(run.migrated()).isGreaterThanOrEqualTo(2);
        assertThat(run.refused()).isZero();
        assertThat(definitionOf(waiting)).isEqualTo(current.getId());
        assertThat(timers(waiting)).extracting(Job::getId, Job::getDuedate, Job::getProcessDefinitionId)
                .containsExactlyElementsOf(timers.stream()
                        .map(j -> org.assertj.core.groups.Tuple.tuple(j.getId(), j.getDuedate(), current.getId())).toList());
        Task moved = task(reviewing, TASK_REVIEW_INTAKE);
        assertThat(moved.getId()).isEqualTo(review.getId());
        assertThat(moved.getProcessDefinitionId()).isEqualTo(current.getId());
        // the moved task opens the current version's form, not the older one's
        try (InputStream opened = forms.getDeployedTaskForm(moved.getId());
                InputStream currentForm = repository.getResourceAsStream(current.getDeploymentId(),
                        resourceNamed(current.getDeploymentId(), "review-intake.form"))) {
            assertThat(opened.readAllBytes()).isEqualTo(currentForm.readAllBytes());
        }
        for (ProcessInstance instance : List.of(waiting, reviewing)) {
            List<MigrationRecord> rows = records(instance);
            assertThat(rows).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(Outcome.MIGRATED);
                assertThat(r.sourceVersionTag()).isEqualTo("1.2.0");
                assertThat(r.targetVersionTag()).isEqualTo(migration.carriedVersion().toString());
                assertThat(r.visitId()).isEqualTo(visitOf(instance).id());
            });
            assertThat(audit(visitOf(instance).id(), VisitMigration.MIGRATED)).singleElement().asString()
                    .contains("1.2.0", migration.carriedVersion().toString());
        }
        // and they go on: the waiting visit's intake creates the review task in the current version
        answers.recordIntake(visitOf(waiting).id(), contactGuestId(waiting), "Goals", "Work", "kim");
        runDueJobs(waiting);
        assertThat(task(waiting, TASK_REVIEW_INTAKE).getProcessDefinitionId()).isEqualTo(current.getId());
        // a second start finds nothing more to do
        assertThat(migration.migrateRunningVisits().migrated()).isZero();
    }

    @Test
    void aPlanCamundaRefusesMovesNoInstanceIsListedAndCanBeTriedAgainOnceFixed() {
        // given a step whose instruction names a wait state the current model does not have
        List<VersionStep> broken = new ArrayList<>(VisitVersionSteps.STEPS.subList(0, VisitVersionSteps.STEPS.size() - 1));
        VersionStep last = VisitVersionSteps.STEPS.get(VisitVersionSteps.STEPS.size() - 1);
        broken.add(new VersionStep(last.from(), last.to(), "broken", Map.of(RECEIVE_AWAIT_INTAKE, "ReceiveTask_NoSuchWait"),
                java.util.Set.of(), Map.of(), Map.of()));
        migration.useSteps(broken);
        ProcessInstance waiting = registerVisit();
        runDueJobs(waiting);
        List<Job> timers = timers(waiting);

        // when the app starts
        MigrationRun run = migration.migrateRunningVisits();

        // then the instance stays where it was, untouched, and is recorded as refused with Camunda's reason
        assertThat(run.migrated()).isZero();
        assertThat(run.refused()).isGreaterThanOrEqualTo(1);
        assertThat(definitionOf(waiting)).isEqualTo(olderDefinition.getId());
        assertThat(waiting).isWaitingAt(RECEIVE_AWAIT_INTAKE);
        assertThat(timers(waiting)).extracting(Job::getId, Job::getDuedate)
                .containsExactlyElementsOf(timers.stream().map(j -> org.assertj.core.groups.Tuple.tuple(j.getId(), j.getDuedate())).toList());
        assertThat(records(waiting)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(r.reason()).contains("Camunda refuses the migration plan", "ReceiveTask_NoSuchWait");
        });
        assertThat(audit(visitOf(waiting).id(), VisitMigration.REFUSED)).hasSize(1);
        // and the staff page lists it with the definition version as Cockpit numbers it
        Browser admin = Browser.signedIn(port, "demo");
        String page = admin.get("/app/migrations").body();
        assertThat(page).contains(waiting.getId(), "Camunda refuses the migration plan",
                olderDefinition.getVersion() + " (1.2.0)");
        assertThat(Browser.signedIn(port, "per").get("/app/migrations").statusCode()).isEqualTo(200);
        assertThat(Browser.signedIn(port, "hanna").get("/app/migrations").statusCode()).isEqualTo(403);
        assertThat(Browser.signedIn(port, "per").postForm("/app/migrations/retry", "processInstanceId=" + waiting.getId())
                .statusCode()).isEqualTo(403);

        // and it keeps working on its version: its intake creates the review task there
        answers.recordIntake(visitOf(waiting).id(), contactGuestId(waiting), "Goals", "Work", "kim");
        runDueJobs(waiting);
        assertThat(task(waiting, TASK_REVIEW_INTAKE).getProcessDefinitionId()).isEqualTo(olderDefinition.getId());

        // when the steps are fixed and an admin tries again
        migration.useSteps(VisitVersionSteps.STEPS);
        assertThat(admin.postForm("/app/migrations/retry", "processInstanceId=" + waiting.getId()).statusCode()).isEqualTo(302);

        // then it moved, its open task with it, and the page lists it no more
        assertThat(definitionOf(waiting)).isEqualTo(current.getId());
        assertThat(task(waiting, TASK_REVIEW_INTAKE).getProcessDefinitionId()).isEqualTo(current.getId());
        assertThat(records(waiting)).extracting(MigrationRecord::outcome).containsExactly(Outcome.MIGRATED);
        assertThat(admin.get("/app/migrations").body()).doesNotContain("Camunda refuses the migration plan");
    }

    @Test
    void aVariableTheNewVersionNeedsIsSetOnTheMovedInstances() {
        List<VersionStep> steps = new ArrayList<>(VisitVersionSteps.STEPS.subList(0, VisitVersionSteps.STEPS.size() - 1));
        VersionStep last = VisitVersionSteps.STEPS.get(VisitVersionSteps.STEPS.size() - 1);
        steps.add(new VersionStep(last.from(), last.to(), "a new variable", Map.of(), java.util.Set.of(), Map.of(),
                Map.of("unitCode", "UNKNOWN")));
        migration.useSteps(steps);
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        assertThat(runtime.getVariable(visit.getId(), "unitCode")).isNull();

        assertThat(migration.migrateRunningVisits().migrated()).isGreaterThanOrEqualTo(1);

        assertThat(definitionOf(visit)).isEqualTo(current.getId());
        assertThat(runtime.getVariable(visit.getId(), "unitCode")).isEqualTo("UNKNOWN");
    }

    @Test
    void nodesStartingAtOnceMoveEachInstanceOnce() throws Exception {
        List<ProcessInstance> instances = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ProcessInstance visit = registerVisit();
            runDueJobs(visit);
            instances.add(visit);
        }
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<MigrationRun>> nodes = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            nodes.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return migration.migrateRunningVisits();
            }));
        }
        start.countDown();
        int migrated = 0;
        for (CompletableFuture<MigrationRun> node : nodes) {
            MigrationRun run = node.get(60, TimeUnit.SECONDS);
            assertThat(run.refused()).isZero();
            migrated += run.migrated();
        }
        assertThat(migrated).isEqualTo(instances.size());
        for (ProcessInstance instance : instances) {
            assertThat(definitionOf(instance)).isEqualTo(current.getId());
            assertThat(records(instance)).extracting(MigrationRecord::outcome).containsExactly(Outcome.MIGRATED);
            assertThat(audit(visitOf(instance).id(), VisitMigration.MIGRATED)).hasSize(1);
        }
    }

    @Test
    void anInstanceChangedByAnotherTransactionDuringItsMigrationIsTriedAgainWhole() throws Exception {
        ProcessInstance visit = registerVisit();
        runDueJobs(visit);
        // another transaction changes the instance's row and holds it while the migration reaches it, then commits
        CountDownLatch held = new CountDownLatch(1);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement update = c.prepareStatement("UPDATE ACT_RU_EXECUTION SET REV_ = REV_ + 1 WHERE ID_ = ?")) {
                    update.setString(1, visit.getId());
                    assertThat(update.executeUpdate()).isEqualTo(1);
                }
                held.countDown();
                Thread.sleep(1500);
                c.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        MigrationRun run = migration.migrateRunningVisits();
        other.get(10, TimeUnit.SECONDS);

        // the first try met the change and was rolled back whole; the second moved everything
        assertThat(run.migrated()).isEqualTo(1);
        assertThat(records(visit)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.MIGRATED);
            assertThat(r.attempts()).isEqualTo(2);
        });
        assertThat(runtime.createExecutionQuery().processInstanceId(visit.getId()).list())
                .allSatisfy(e -> assertThat(((org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity) e)
                        .getProcessDefinitionId()).isEqualTo(current.getId()));
        assertThat(management.createJobQuery().processInstanceId(visit.getId()).list())
                .allSatisfy(j -> assertThat(j.getProcessDefinitionId()).isEqualTo(current.getId()));
        assertThat(audit(visitOf(visit).id(), VisitMigration.MIGRATED)).hasSize(1);
    }

    private String resourceNamed(String deploymentId, String fileName) {
        return repository.getDeploymentResourceNames(deploymentId).stream()
                .filter(n -> n.equals(fileName) || n.endsWith("/" + fileName)).findFirst().orElseThrow();
    }

    private List<Job> timers(ProcessInstance instance) {
        return management.createJobQuery().processInstanceId(instance.getId()).timers().orderByJobId().asc().list();
    }

    private String definitionOf(ProcessInstance instance) {
        return runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getProcessDefinitionId();
    }

    private List<MigrationRecord> records(ProcessInstance instance) {
        return migrationRecords.forInstance(instance.getId());
    }

    private List<String> audit(long visitId, String action) {
        return jdbc.sql("SELECT detail FROM sl_audit_event WHERE visit_id = ? AND action = ?").params(visitId, action)
                .query(String.class).list();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

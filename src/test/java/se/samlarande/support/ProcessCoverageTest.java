package se.samlarande.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.community.process_test_coverage.core.export.CoverageStateResult;
import org.camunda.community.process_test_coverage.core.model.Event;
import org.camunda.community.process_test_coverage.core.model.EventSource;
import org.camunda.community.process_test_coverage.core.model.EventType;
import org.camunda.community.process_test_coverage.core.model.Run;
import org.camunda.community.process_test_coverage.core.model.Suite;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessEngineAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two things the project adds to camunda-process-test-coverage: only the current version of a process is counted
 * (an engine of its own, with the library's parse listener and ours), and the suite's figures are counted against the
 * current model whatever the reports contain.
 */
class ProcessCoverageTest {

    private ProcessEngine engine;

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aReleasedVersionOfTheProcessLeavesNoCoverageOnlyTheCurrentOneDoes() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                // a name of its own: the app's engine in the same JVM is "default", and engines are registered by name
                .setProcessEngineName("process-coverage-test")
                .setJdbcUrl("jdbc:h2:mem:process-coverage-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
                .setJobExecutorActivate(false);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_NONE);
        ProcessCoverageConfigurator.initializeProcessCoverageExtensions(configuration);
        configuration.getCustomPostBPMNParseListeners().add(new ProcessCoverage.OnlyCurrentVersion("errand", "2.0.0"));
        engine = configuration.buildProcessEngine();
        List<Event> events = new ArrayList<>();
        new ProcessEngineAdapter(engine, events::add).initializeListeners();

        deploy(errand("1.0.0"));
        engine.getRuntimeService().startProcessInstanceById(definition("1.0.0"));
        assertThat(events).isEmpty();

        deploy(errand("2.0.0"));
        engine.getRuntimeService().startProcessInstanceById(definition("2.0.0"));
        assertThat(events).extracting(Event::getDefinitionKey).contains("Start", "Flow_ToWork", "Work");
        assertThat(events).extracting(Event::getModelKey).containsOnly("errand");

        // and the released version, still deployed, stays silent after the current one was parsed
        events.clear();
        engine.getRuntimeService().startProcessInstanceById(definition("1.0.0"));
        assertThat(events).isEmpty();
        // a process of another key is counted whatever its version tag
        deploy(Bpmn.createExecutableProcess("other").camundaHistoryTimeToLive(1).camundaVersionTag("1.0.0")
                .startEvent("OtherStart").endEvent("OtherEnd").done());
        engine.getRuntimeService().startProcessInstanceByKey("other");
        assertThat(events).extracting(Event::getDefinitionKey).contains("OtherStart", "OtherEnd");
    }

    @Test
    void theSuiteIsCountedAgainstTheCurrentModelOnly() {
        BpmnModelInstance current = Bpmn.readModelFromFile(Path.of("bpmn/visit.bpmn").toFile());
        Run first = new Run("first", "first");
        first.addEvent(event(EventSource.FLOW_NODE, "StartEvent_VisitRegistered", "visit"));
        first.addEvent(event(EventSource.SEQUENCE_FLOW, "Flow_ToRegisterVisit", "visit"));
        Run second = new Run("second", "second");
        second.addEvent(event(EventSource.FLOW_NODE, "Task_RegisterVisit", "visit"));
        second.addEvent(event(EventSource.FLOW_NODE, "Task_NoLongerInTheModel", "visit")); // an element of an older version
        second.addEvent(event(EventSource.FLOW_NODE, "Task_SendInvitations", "errand")); // same id, another process
        Suite a = new Suite("A", "A");
        a.addRun(first);
        Suite b = new Suite("B", "B");
        b.addRun(second);

        ProcessCoverageCheck.Result result = ProcessCoverageCheck.measure(current, "visit",
                List.of(new CoverageStateResult(List.of(a), List.of()), new CoverageStateResult(List.of(b), List.of())));

        assertThat(result.versionTag()).isEqualTo(ProcessCoverage.currentVersionTag());
        assertThat(result.covered()).isEqualTo(Set.of("StartEvent_VisitRegistered", "Flow_ToRegisterVisit", "Task_RegisterVisit"));
        assertThat(result.flowNodes()).hasSize(76).extracting(ProcessCoverageCheck.Element::id)
                .contains("SubProcess_GuestEvaluation", "ReceiveTask_AwaitEvaluation", "BoundaryEvent_IntakeReminderDue");
        assertThat(result.sequenceFlows()).hasSize(66);
        assertThat(result.flowNodeRatio()).isEqualTo(2.0 / 76);
        assertThat(result.sequenceFlowRatio()).isEqualTo(1.0 / 66);
        assertThat(result.uncoveredFlowNodes()).extracting(ProcessCoverageCheck.Element::id)
                .contains("Task_SendInvitations").doesNotContain("Task_RegisterVisit");
    }

    private static Event event(EventSource source, String id, String processKey) {
        return new Event(source, source == EventSource.SEQUENCE_FLOW ? EventType.TAKE : EventType.START, id,
                source == EventSource.SEQUENCE_FLOW ? "sequenceFlow" : "task", processKey, 0);
    }

    private static BpmnModelInstance errand(String versionTag) {
        return Bpmn.createExecutableProcess("errand").camundaHistoryTimeToLive(1).camundaVersionTag(versionTag)
                .startEvent("Start").sequenceFlowId("Flow_ToWork").userTask("Work").endEvent("End").done();
    }

    private void deploy(BpmnModelInstance model) {
        engine.getRepositoryService().createDeployment().addModelInstance("process.bpmn", model).deploy();
    }

    private String definition(String versionTag) {
        return engine.getRepositoryService().createProcessDefinitionQuery().versionTag(versionTag)
                .list().stream().filter(d -> !d.getKey().equals("other")).findFirst().orElseThrow().getId();
    }
}

package se.samlarande.process.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import se.samlarande.support.SamlarandeTest;

/**
 * For every release kept under {@code src/test/resources/released/}: every place an instance of it can wait is
 * mapped to the current model by the plan the app would use (a wait state that the current model lost, with no
 * instruction in {@link VisitVersionSteps}, fails here), Camunda accepts that plan, and every bean its delegates,
 * listeners and timers name still exists with the properties they read.
 */
@SamlarandeTest
class ReleasedModelsTest {

    private static final Path RELEASED = Path.of("src/test/resources/released");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\.([A-Za-z_][A-Za-z0-9_]*)\\s*(\\()?");
    private static final Pattern BEAN = Pattern.compile("^\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}$");

    @Autowired VisitMigration migration;
    @Autowired RepositoryService repository;
    @Autowired ApplicationContext context;

    @TestFactory
    Stream<DynamicTest> everyReleasedVersion() throws IOException {
        List<Path> versions;
        try (Stream<Path> dirs = Files.list(RELEASED)) {
            versions = dirs.filter(d -> Files.exists(d.resolve("visit.bpmn"))).sorted().toList();
        }
        assertThat(versions).extracting(p -> p.getFileName().toString()).contains("1.0.0", "1.1.0", "1.2.0");
        return versions.stream().flatMap(dir -> Stream.of(
                DynamicTest.dynamicTest(dir.getFileName() + ": every wait state is mapped to the current model",
                        () -> everyWaitStateIsMapped(dir)),
                DynamicTest.dynamicTest(dir.getFileName() + ": every bean it names still exists",
                        () -> everyBeanItNamesExists(dir))));
    }

    private void everyWaitStateIsMapped(Path dir) throws IOException {
        BpmnModelInstance model = Bpmn.readModelFromFile(dir.resolve("visit.bpmn").toFile());
        VersionTag tag = VersionTag.parse(((org.camunda.bpm.model.bpmn.instance.Process) model.getModelElementById("visit"))
                .getCamundaVersionTag());
        VisitVersionSteps.Composed composed = VisitVersionSteps.compose(tag, VisitVersionSteps.newest())
                .orElseThrow(() -> new AssertionError("no chain of steps from " + tag));
        ProcessDefinition current = migration.target().orElseThrow();
        Deployment deployment = deploy(dir);
        try {
            ProcessDefinition released = repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult();
            MigrationPlan plan = migration.build(released.getId(), current.getId(), composed);
            Set<String> mapped = plan.getInstructions().stream().map(MigrationInstruction::getSourceActivityId)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> unmapped = new TreeSet<>(waitStates(model));
            unmapped.removeAll(mapped);
            unmapped.removeAll(composed.removed().keySet());
            assertThat(unmapped).as("wait states of %s with no instruction to the current model: map them (renamed) or name"
                    + " them (removed) in the step of VisitVersionSteps that changes them", tag).isEmpty();
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }

    @org.junit.jupiter.api.Test
    void aWaitStateTheNewModelRenamedWithoutAnInstructionIsCaught() throws IOException {
        Path released = RELEASED.resolve("1.2.0");
        String renamed = Files.readString(Path.of("bpmn/visit.bpmn")).replace("Task_HostVisit", "Task_HostTheVisit")
                .replace("camunda:versionTag=\"" + VisitVersionSteps.newest() + "\"", "camunda:versionTag=\"9.9.9\"");
        Deployment source = deploy(released);
        Deployment target = repository.createDeployment().name("renamed (test)")
                .addString("visit.bpmn", renamed).deploy();
        try {
            String sourceId = repository.createProcessDefinitionQuery().deploymentId(source.getId()).singleResult().getId();
            String targetId = repository.createProcessDefinitionQuery().deploymentId(target.getId()).singleResult().getId();
            BpmnModelInstance model = Bpmn.readModelFromFile(released.resolve("visit.bpmn").toFile());
            VisitVersionSteps.Composed none = VisitVersionSteps.compose(VersionTag.parse("1.2.0"), VersionTag.parse("1.2.0")).orElseThrow();
            Set<String> unmapped = new TreeSet<>(waitStates(model));
            unmapped.removeAll(migration.build(sourceId, targetId, none).getInstructions().stream()
                    .map(MigrationInstruction::getSourceActivityId).toList());
            // the task, and the timer on its border with it (Camunda maps a boundary event only with its activity)
            assertThat(unmapped).containsExactly("BoundaryEvent_HostVisitOverdue", "Task_HostVisit");
            VisitVersionSteps.Composed withRename = new VisitVersionSteps.Composed(none.from(), none.to(), List.of(),
                    java.util.Map.of("Task_HostVisit", "Task_HostTheVisit",
                            "BoundaryEvent_HostVisitOverdue", "BoundaryEvent_HostVisitOverdue"), Set.of(), java.util.Map.of(),
                    java.util.Map.of());
            List<MigrationInstruction> instructions = migration.build(sourceId, targetId, withRename).getInstructions();
            assertThat(instructions).anySatisfy(i -> {
                assertThat(i.getSourceActivityId()).isEqualTo("Task_HostVisit");
                assertThat(i.getTargetActivityId()).isEqualTo("Task_HostTheVisit");
            });
            Set<String> stillUnmapped = new TreeSet<>(waitStates(model));
            stillUnmapped.removeAll(instructions.stream().map(MigrationInstruction::getSourceActivityId).toList());
            assertThat(stillUnmapped).isEmpty();
        } finally {
            repository.deleteDeployment(source.getId(), true);
            repository.deleteDeployment(target.getId(), true);
        }
    }

    /** Where an instance can rest: user and receive tasks, catch and boundary events, scopes, async continuations. */
    static Set<String> waitStates(BpmnModelInstance model) {
        Set<String> waits = new TreeSet<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            boolean eventSubProcessStart = node instanceof StartEvent && node.getParentElement() instanceof SubProcess sub
                    && sub.triggeredByEvent();
            if (node instanceof UserTask || node instanceof ReceiveTask || node instanceof IntermediateCatchEvent
                    || node instanceof BoundaryEvent || node instanceof SubProcess || eventSubProcessStart
                    || "true".equals(node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "asyncBefore"))
                    || "true".equals(node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "asyncAfter"))) {
                waits.add(node.getId());
            }
            if (!node.getChildElementsByType(MultiInstanceLoopCharacteristics.class).isEmpty()) {
                waits.add(node.getId() + "#multiInstanceBody");
            }
        }
        return waits;
    }

    private void everyBeanItNamesExists(Path dir) throws IOException {
        String xml = Files.readString(dir.resolve("visit.bpmn"));
        List<String> missing = new ArrayList<>();
        BpmnModelInstance model = Bpmn.readModelFromFile(dir.resolve("visit.bpmn").toFile());
        for (ModelElementInstance element : model.getModelElementsByType(
                model.getModel().getType(org.camunda.bpm.model.bpmn.instance.BaseElement.class))) {
            collectDelegates(element.getDomElement(), missing);
        }
        Matcher m = PROPERTY.matcher(xml);
        while (m.find()) {
            String bean = m.group(1);
            boolean call = m.group(3) != null;
            if (context.containsBean(bean) && (call
                    ? java.util.Arrays.stream(org.springframework.aop.support.AopUtils.getTargetClass(context.getBean(bean))
                            .getMethods()).noneMatch(method -> method.getName().equals(m.group(2)))
                    : !new BeanWrapperImpl(context.getBean(bean)).isReadableProperty(m.group(2)))) {
                missing.add(bean + "." + m.group(2));
            } else if (!context.containsBean(bean) && Character.isLowerCase(bean.charAt(0)) && bean.endsWith("Timers")) {
                missing.add(bean);
            }
        }
        assertThat(missing).as("beans or properties named by released %s", dir.getFileName()).isEmpty();
    }

    private void collectDelegates(DomElement element, List<String> missing) {
        String delegate = element.getAttribute("http://camunda.org/schema/1.0/bpmn", "delegateExpression");
        if (delegate != null) {
            Matcher bean = BEAN.matcher(delegate.trim());
            if (!bean.matches() || !context.containsBean(bean.group(1))) {
                missing.add(delegate);
            }
        }
        for (DomElement child : element.getChildElements()) {
            collectDelegates(child, missing);
        }
    }

    private Deployment deploy(Path dir) throws IOException {
        DeploymentBuilder builder = repository.createDeployment().name("released " + dir.getFileName() + " (test)");
        try (InputStream bpmn = Files.newInputStream(dir.resolve("visit.bpmn"))) {
            builder.addInputStream("visit.bpmn", new java.io.ByteArrayInputStream(bpmn.readAllBytes()));
        }
        try (Stream<Path> forms = Files.list(dir.resolve("forms"))) {
            for (Path form : forms.toList()) {
                builder.addInputStream(form.getFileName().toString(), new java.io.ByteArrayInputStream(Files.readAllBytes(form)));
            }
        }
        return builder.deploy();
    }
}

package se.samlarande.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;

/**
 * {@code bpmn/visit.bpmn} as a process owner meets it in Modeler: meaningful ids, a name on every element, every
 * element laid out, forms that exist, no literal durations; and the ids the code names are really there.
 */
class VisitModelTest {

    private final BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/visit.bpmn"));

    @Test
    void everyFlowNodeHasAMeaningfulIdANameAndAShape() {
        Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(node.getId()).as("id").matches("(StartEvent|EndEvent|Task|ReceiveTask|BoundaryEvent|TimerEvent|Gateway|SubProcess)_[A-Z][A-Za-z]+");
            assertThat(node.getName()).as("name of %s", node.getId()).isNotBlank();
            assertThat(shapes).as("shape of %s", node.getId()).contains(node.getId());
        }
        Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(flow.getId()).matches("Flow_[A-Z][A-Za-z]+");
            assertThat(edges).as("edge of %s", flow.getId()).contains(flow.getId());
        }
    }

    @Test
    void everyUserTaskHasAFormInFormsAndACandidateGroup() {
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            assertThat(new File("forms/" + task.getCamundaFormRef() + ".form")).as("form of %s", task.getId()).exists();
            assertThat(task.getCamundaCandidateGroups()).as("group of %s", task.getId()).isNotBlank();
        }
    }

    @Test
    void timersTakeTheirDurationsFromConfigurationOrVariables() {
        for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
            String expression = timer.getTimeCycle() != null ? timer.getTimeCycle().getTextContent()
                    : timer.getTimeDate().getTextContent();
            assertThat(expression).startsWith("${");
        }
    }

    @Test
    void theIdsTheCodeNamesExistInTheModel() throws IllegalAccessException {
        List<String> named = new ArrayList<>();
        for (Field field : VisitProcess.Element.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                named.add((String) field.get(null));
            }
        }
        Collection<BaseElement> elements = model.getModelElementsByType(BaseElement.class);
        Set<String> ids = elements.stream().map(BaseElement::getId).collect(Collectors.toSet());
        assertThat(ids).containsAll(named);
    }
}

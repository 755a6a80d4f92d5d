package se.samlarande.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.core.model.CoreModelElement;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.spring.boot.starter.configuration.Ordering;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.camunda.community.process_test_coverage.engine.platform7.ElementCoverageParseListener;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessEngineAdapter;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;

/**
 * The engine side of the process test coverage: camunda-process-test-coverage's parse listener
 * ({@link ProcessEngineCoverageConfiguration}) puts an execution listener on every flow node and sequence flow, and
 * its {@code ProcessEngineCoverageTestExecutionListener} (on {@link SamlarandeTest}) hands it each test method's
 * run. Two additions:
 * <ul>
 * <li>Only the current visit process counts: definitions of key {@code visit} with another version tag than
 * {@code bpmn/visit.bpmn} (released versions that tests deploy to migrate them) are parsed without the coverage
 * listener, so what an instance does before it is migrated does not count for the current model.</li>
 * <li>Until the first test method starts, the engine's events go nowhere: the library's collector refuses events
 * outside a test method, and the app may run the engine while it starts.</li>
 * </ul>
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ProcessEngineCoverageConfiguration.class)
public class ProcessCoverage {

    /** The process whose coverage the build checks. */
    public static final String PROCESS_KEY = "visit";
    /** Its current model, as the app deploys it. */
    public static final String MODEL = "bpmn/visit.bpmn";

    @Bean
    @Order(Ordering.DEFAULT_ORDER + 2) // after the library's configuration, which adds its parse listener
    AbstractCamundaConfiguration processCoverageOfTheCurrentModelOnly() {
        return new AbstractCamundaConfiguration() {
            @Override
            public void preInit(SpringProcessEngineConfiguration configuration) {
                List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
                if (listeners == null) {
                    listeners = new ArrayList<>();
                    configuration.setCustomPostBPMNParseListeners(listeners);
                }
                listeners.add(new OnlyCurrentVersion(PROCESS_KEY, currentVersionTag()));
            }

            @Override
            public void postProcessEngineBuild(ProcessEngine processEngine) {
                new ProcessEngineAdapter(processEngine, event -> { }).initializeListeners();
            }
        };
    }

    /** The version tag of {@link #MODEL} on the classpath. */
    public static String currentVersionTag() {
        try (InputStream in = ProcessCoverage.class.getClassLoader().getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException(MODEL + " is not on the classpath");
            }
            return Bpmn.readModelFromStream(in).<Process>getModelElementById(PROCESS_KEY).getCamundaVersionTag();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Takes the coverage listener off every flow node and sequence flow of a definition of {@code key} whose version
     * tag is not {@code currentVersionTag}. Runs after the library's parse listener has added it (a parse listener's
     * {@code parseProcess} is called once the whole process is parsed).
     */
    public static final class OnlyCurrentVersion extends AbstractBpmnParseListener {

        /** The library's listener is a lambda inside its parse listener; its class name begins with this. */
        private static final String COVERAGE_LISTENER = ElementCoverageParseListener.class.getName() + "$$Lambda";

        private final String key;
        private final String currentVersionTag;

        public OnlyCurrentVersion(String key, String currentVersionTag) {
            this.key = key;
            this.currentVersionTag = currentVersionTag;
        }

        @Override
        public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
            if (key.equals(definition.getKey()) && !currentVersionTag.equals(definition.getVersionTag())) {
                withoutCoverage(definition);
            }
        }

        private static void withoutCoverage(ScopeImpl scope) {
            for (ActivityImpl activity : scope.getActivities()) {
                strip(activity);
                for (PvmTransition flow : activity.getOutgoingTransitions()) {
                    strip((TransitionImpl) flow);
                }
                withoutCoverage(activity);
            }
        }

        private static void strip(CoreModelElement element) {
            element.getListeners().values().forEach(list -> list.removeIf(OnlyCurrentVersion::isCoverageListener));
        }

        static boolean isCoverageListener(Object listener) {
            return listener.getClass().getName().startsWith(COVERAGE_LISTENER);
        }
    }
}

package se.samlarande.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.community.process_test_coverage.core.export.CoverageStateJsonExporter;
import org.camunda.community.process_test_coverage.core.export.CoverageStateResult;
import org.camunda.community.process_test_coverage.core.model.Event;
import org.camunda.community.process_test_coverage.core.model.EventSource;
import org.camunda.community.process_test_coverage.core.model.Model;
import org.camunda.community.process_test_coverage.core.model.Suite;
import org.camunda.community.process_test_coverage.report.CoverageReportUtil;

/**
 * The process test coverage of the whole suite, and its floor. Run by Maven in phase {@code verify} (after all tests):
 * reads the report every test class left in {@code target/process-test-coverage/<class>/report.json}, counts which
 * flow nodes and sequence flows of the current model ({@code bpmn/visit.bpmn}, whatever other versions of the process
 * the tests deployed) any test drove, prints the figures and the elements no test reached, writes the suite's report
 * to {@code target/process-test-coverage/all/report.html}, and fails below the floor.
 *
 * <p>Arguments: the report directory, the model file, the process id, the floor for flow nodes and the floor for
 * sequence flows (ratios, e.g. 0.95).
 */
public final class ProcessCoverageCheck {

    /** The folder of the suite's report, beside the test classes' folders. */
    public static final String ALL = "all";

    public record Element(String id, String name, String type) {
        @Override
        public String toString() {
            return id + (name == null ? "" : " \"" + name.replaceAll("\\s+", " ") + "\"") + " (" + type + ")";
        }
    }

    public record Result(String processId, String versionTag, int testClasses, List<Element> flowNodes,
            List<Element> sequenceFlows, Set<String> covered) {

        public List<Element> uncoveredFlowNodes() {
            return flowNodes.stream().filter(e -> !covered.contains(e.id())).toList();
        }

        public List<Element> uncoveredSequenceFlows() {
            return sequenceFlows.stream().filter(e -> !covered.contains(e.id())).toList();
        }

        public double flowNodeRatio() {
            return ratio(flowNodes.size() - uncoveredFlowNodes().size(), flowNodes.size());
        }

        public double sequenceFlowRatio() {
            return ratio(sequenceFlows.size() - uncoveredSequenceFlows().size(), sequenceFlows.size());
        }

        private static double ratio(int covered, int all) {
            return all == 0 ? 1.0 : (double) covered / all;
        }
    }

    private ProcessCoverageCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            throw new IllegalArgumentException(
                    "usage: ProcessCoverageCheck <report dir> <model.bpmn> <process id> <min flow nodes> <min sequence flows>");
        }
        Path reports = Path.of(args[0]);
        Path modelFile = Path.of(args[1]);
        String processId = args[2];
        double minFlowNodes = Double.parseDouble(args[3]);
        double minSequenceFlows = Double.parseDouble(args[4]);
        if (!(minFlowNodes >= 0 && minFlowNodes <= 1 && minSequenceFlows >= 0 && minSequenceFlows <= 1)) {
            throw new IllegalArgumentException("The floors are ratios between 0 and 1 (0.95 for 95 %), not "
                    + args[3] + " and " + args[4]);
        }

        List<CoverageStateResult> classes = readReports(reports);
        if (classes.isEmpty()) {
            throw new IllegalStateException("No process test coverage reports in " + reports
                    + ": run the tests first (the floor is checked on the whole suite), or skip with -Dprocess-coverage.skip");
        }
        BpmnModelInstance model = Bpmn.readModelFromFile(modelFile.toFile());
        Result result = measure(model, processId, classes);
        Path html = writeSuiteReport(reports, modelFile, result, classes, minFlowNodes, minSequenceFlows);

        System.out.println(describe(result, modelFile, minFlowNodes, minSequenceFlows));
        System.out.println("The suite's report: " + html);
        List<String> below = new ArrayList<>();
        if (result.flowNodeRatio() < minFlowNodes) {
            below.add(String.format(Locale.ROOT, "flow nodes %.1f %% < %.1f %%", 100 * result.flowNodeRatio(), 100 * minFlowNodes));
        }
        if (result.sequenceFlowRatio() < minSequenceFlows) {
            below.add(String.format(Locale.ROOT, "sequence flows %.1f %% < %.1f %%", 100 * result.sequenceFlowRatio(),
                    100 * minSequenceFlows));
        }
        if (!below.isEmpty()) {
            throw new IllegalStateException("Process test coverage of " + processId + " below its floor: "
                    + String.join(", ", below) + " (pom.xml: process-coverage.min-flow-nodes, process-coverage.min-sequence-flows)");
        }
    }

    /** Every test class's report under {@code reports} (not the suite's own). */
    public static List<CoverageStateResult> readReports(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        List<CoverageStateResult> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(reports)) {
            for (Path dir : files.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().equals(ALL)).sorted().toList()) {
                Path json = dir.resolve("report.json");
                if (Files.isRegularFile(json)) {
                    results.add(CoverageStateJsonExporter.readCoverageStateResult(Files.readString(json, StandardCharsets.UTF_8)));
                }
            }
        }
        return results;
    }

    /** What the reports' events of {@code processId} cover of that process in {@code model}. */
    public static Result measure(BpmnModelInstance model, String processId, Collection<CoverageStateResult> classes) {
        Process process = model.getModelElementById(processId);
        if (process == null) {
            throw new IllegalArgumentException("The model has no process " + processId);
        }
        // As the library counts a model: the flow nodes inside the process, and the sequence flows leaving them
        List<FlowNode> nodes = model.getModelElementsByType(FlowNode.class).stream().filter(n -> inside(n, process))
                .sorted((a, b) -> a.getId().compareTo(b.getId())).toList();
        Set<String> nodeIds = nodes.stream().map(FlowNode::getId).collect(Collectors.toSet());
        List<SequenceFlow> flows = model.getModelElementsByType(SequenceFlow.class).stream()
                .filter(f -> nodeIds.contains(f.getSource().getId())).sorted((a, b) -> a.getId().compareTo(b.getId())).toList();
        Set<String> flowIds = flows.stream().map(SequenceFlow::getId).collect(Collectors.toSet());

        Set<String> covered = new TreeSet<>();
        for (CoverageStateResult result : classes) {
            for (Event event : result.getEvents(processId)) {
                if (event.getSource() == EventSource.FLOW_NODE && nodeIds.contains(event.getDefinitionKey())
                        || event.getSource() == EventSource.SEQUENCE_FLOW && flowIds.contains(event.getDefinitionKey())) {
                    covered.add(event.getDefinitionKey());
                }
            }
        }
        return new Result(processId, process.getCamundaVersionTag(), classes.size(),
                nodes.stream().map(ProcessCoverageCheck::element).toList(),
                flows.stream().map(ProcessCoverageCheck::element).toList(), covered);
    }

    private static Element element(FlowElement e) {
        return new Element(e.getId(), e.getName(), e.getElementType().getTypeName());
    }

    private static boolean inside(ModelElementInstance element, Process process) {
        for (ModelElementInstance parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
            if (parent instanceof Process) {
                return parent == process;
            }
        }
        return false;
    }

    public static String describe(Result r, Path modelFile, double minFlowNodes, double minSequenceFlows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "Process test coverage of %s %s (%s) over %d test classes:%n"
                        + "  flow nodes     %3d / %3d = %5.1f %%  (floor %.0f %%)%n"
                        + "  sequence flows %3d / %3d = %5.1f %%  (floor %.0f %%)%n",
                r.processId(), r.versionTag(), modelFile, r.testClasses(),
                r.flowNodes().size() - r.uncoveredFlowNodes().size(), r.flowNodes().size(), 100 * r.flowNodeRatio(), 100 * minFlowNodes,
                r.sequenceFlows().size() - r.uncoveredSequenceFlows().size(), r.sequenceFlows().size(), 100 * r.sequenceFlowRatio(),
                100 * minSequenceFlows));
        out.append("  flow nodes no test reached: ").append(r.uncoveredFlowNodes().isEmpty() ? "none" : "").append(System.lineSeparator());
        r.uncoveredFlowNodes().forEach(e -> out.append("    ").append(e).append(System.lineSeparator()));
        out.append("  sequence flows no test took: ").append(r.uncoveredSequenceFlows().isEmpty() ? "none" : "").append(System.lineSeparator());
        r.uncoveredSequenceFlows().forEach(e -> out.append("    ").append(e).append(System.lineSeparator()));
        return out.toString().stripTrailing();
    }

    /**
     * The library's HTML report for the whole suite: every test class's runs, drawn on the current model (the models
     * the classes' reports carry are whatever version of the process was latest when they ran).
     */
    private static Path writeSuiteReport(Path reports, Path modelFile, Result result, List<CoverageStateResult> classes,
            double minFlowNodes, double minSequenceFlows) throws IOException {
        Map<String, Model> models = new LinkedHashMap<>();
        models.put(result.processId(), new Model(result.processId(), result.flowNodes().size() + result.sequenceFlows().size(),
                result.versionTag(), Files.readString(modelFile, StandardCharsets.UTF_8)));
        classes.stream().flatMap(c -> c.getModels().stream()).forEach(m -> models.putIfAbsent(m.getKey(), m));
        List<Suite> suites = classes.stream().flatMap(c -> c.getSuites().stream()).toList();
        String json = CoverageStateJsonExporter.createCoverageStateResult(suites, models.values());
        Path dir = reports.resolve(ALL);
        CoverageReportUtil.writeReport(json, false, dir.toFile(), "report.json", s -> s);
        CoverageReportUtil.writeReport(json, true, dir.toFile(), "report.html", CoverageReportUtil::generateHtml);
        Files.writeString(dir.resolve("summary.txt"), describe(result, modelFile, minFlowNodes, minSequenceFlows) + System.lineSeparator(), StandardCharsets.UTF_8);
        return dir.resolve("report.html");
    }
}

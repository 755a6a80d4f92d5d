package se.samlarande.process.migration;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import se.samlarande.process.VisitProcess;

/**
 * The released versions of the visit process kept as test resources ({@code src/test/resources/released/<version>/},
 * see its README): which there are, their BPMN and forms, and their deployment into the running test engine next to
 * the current one.
 *
 * <p>A released version deployed here gets the highest version <em>number</em> of key {@code visit}, so anything that
 * starts "the latest visit process" (by key, the registration page, the {@code VisitRequested} start message) starts
 * it while it is deployed. {@link Deployed#close()} removes it again, with what still runs on it, and the engine
 * falls back to the current definition (and its start message subscription) for the test classes that follow.
 */
public final class ReleasedVersions {

    private static final String ROOT = "released/";
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Pattern VERSION_FOLDER = Pattern.compile(".*/released/(\\d+\\.\\d+\\.\\d+)/visit\\.bpmn$");
    private static final PathMatchingResourcePatternResolver RESOURCES = new PathMatchingResourcePatternResolver();

    /** Oldest first, by their numbers ({@code 1.10.0} after {@code 1.9.0}). */
    public static final Comparator<String> BY_VERSION = Comparator.comparing(ReleasedVersions::numbers,
            Arrays::compare);

    private ReleasedVersions() {
    }

    /** Every released version kept as a test resource, oldest first. */
    public static List<String> versions() {
        try {
            List<String> found = Arrays.stream(RESOURCES.getResources("classpath*:" + ROOT + "*/visit.bpmn"))
                    .map(r -> {
                        Matcher m = VERSION_FOLDER.matcher(url(r));
                        if (!m.matches()) {
                            throw new IllegalStateException("A released folder not named MAJOR.MINOR.PATCH: " + url(r));
                        }
                        return m.group(1);
                    }).distinct().sorted(BY_VERSION).toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("No released versions under classpath:" + ROOT);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version's {@code visit.bpmn}. */
    public static byte[] bpmn(String version) {
        return read(ROOT + version + "/visit.bpmn");
    }

    /** The version's forms: file name ({@code intake.form}) to content, by name. */
    public static Map<String, byte[]> forms(String version) {
        try {
            Map<String, byte[]> forms = new TreeMap<>();
            for (Resource form : RESOURCES.getResources("classpath*:" + ROOT + version + "/forms/*.form")) {
                try (InputStream in = form.getInputStream()) {
                    forms.put(form.getFilename(), in.readAllBytes());
                }
            }
            return forms;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code camunda:versionTag} of the visit process in the given BPMN. */
    public static String versionTag(byte[] bpmn) {
        Process process = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn)).getModelElementById(VisitProcess.KEY);
        return process.getCamundaVersionTag();
    }

    /** The current version: {@code bpmn/visit.bpmn} and {@code forms/} as the app deploys them. */
    public static byte[] currentBpmn() {
        return read("bpmn/visit.bpmn");
    }

    public static String currentVersionTag() {
        return versionTag(currentBpmn());
    }

    /** The current {@code forms/<formRef>.form}, as text. */
    public static String currentForm(String formRef) {
        return new String(read("forms/" + formRef + ".form"), StandardCharsets.UTF_8);
    }

    /** Whether version {@code a} is lower than {@code b}. */
    public static boolean lower(String a, String b) {
        return BY_VERSION.compare(a, b) < 0;
    }

    /**
     * Deploys the released version into the engine, BPMN and forms in one deployment (so that its
     * {@code formRefBinding="deployment"} finds its own forms), and returns it; close it to remove it again.
     */
    public static Deployed deploy(RepositoryService repository, String version) {
        byte[] bpmn = bpmn(version);
        String tag = versionTag(bpmn);
        if (!version.equals(tag)) {
            throw new IllegalStateException("released/" + version + "/visit.bpmn carries versionTag " + tag);
        }
        DeploymentBuilder builder = repository.createDeployment().name("visit " + version).source("released versions")
                .addInputStream("visit.bpmn", new ByteArrayInputStream(bpmn));
        forms(version).forEach((name, content) -> builder.addInputStream(name, new ByteArrayInputStream(content)));
        Deployment deployment = builder.deploy();
        ProcessDefinition definition = repository.createProcessDefinitionQuery().deploymentId(deployment.getId())
                .processDefinitionKey(VisitProcess.KEY).singleResult();
        return new Deployed(repository, version, deployment.getId(), definition);
    }

    /** A released version deployed in the engine. */
    public record Deployed(RepositoryService repository, String version, String deploymentId,
            ProcessDefinition definition) implements AutoCloseable {

        public String definitionId() {
            return definition.getId();
        }

        /**
         * Removes the deployment with whatever still runs on it and its history (cascade), without calling the app's
         * listeners for instances it ends that way.
         */
        @Override
        public void close() {
            repository.deleteDeployment(deploymentId, true, true);
        }
    }

    private static int[] numbers(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not MAJOR.MINOR.PATCH: " + version);
        }
        return new int[] { Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)) };
    }

    private static String url(Resource resource) {
        try {
            return resource.getURL().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String path) {
        try (InputStream in = ReleasedVersions.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Not on the classpath: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
